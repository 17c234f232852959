using SuperRes.Tensors.Kernels;

namespace SuperRes.Tensors;

/// <summary>
/// A conv that reads the leading channels of one tensor and writes into a channel range of another,
/// for densely connected blocks run without gradients: each conv's output lands where the next
/// conv reads it, so no concatenation is copied.
/// </summary>
public static unsafe partial class Ops
{
    /// <summary>
    /// Channels [<paramref name="outOffset"/>, + Cout) of <paramref name="into"/> = conv2d(channels [0, Cin) of
    /// <paramref name="x"/>, weight, bias, stride 1, padding), then leaky ReLU when <paramref name="slope"/> is given.
    /// Inference only: nothing may need a gradient. <paramref name="x"/> and <paramref name="into"/> may be
    /// the same tensor when the channels written lie past the channels read.
    /// </summary>
    public static void Conv2dIntoChannels(Tensor x, Tensor weight, Tensor? bias, Padding2d padding, float? slope, Tensor into, int outOffset)
    {
        if (Autograd.Needs(x, weight, bias) || Autograd.Needs(into))
            throw new InvalidOperationException("Conv2dIntoChannels writes in place and records no gradient: run it under Tape.NoGrad().");
        Shapes.RequireRank(x, 4, "conv2d input");
        Shapes.RequireRank(weight, 4, "conv2d weight");
        Shapes.RequireRank(into, 4, "conv2d output");
        int cin = weight.Size(1), cout = weight.Size(0);
        if (cin > x.Size(1))
            throw new ArgumentException($"conv2d: weight {weight.ShapeString} reads {cin} channels, input {x.ShapeString} has {x.Size(1)}.");
        if (bias != null && bias.Length != cout)
            throw new ArgumentException($"conv2d: bias {bias.ShapeString} does not match {cout} output channels.");
        var g = new Conv2dGeometry(1, cin, x.Size(2), x.Size(3), cout, weight.Size(2), weight.Size(3),
            1, 1, padding.Top, padding.Left, padding.Bottom, padding.Right);
        if (x.Size(2) + padding.Top + padding.Bottom < weight.Size(2) || x.Size(3) + padding.Left + padding.Right < weight.Size(3))
            throw new ArgumentException($"conv2d: kernel {weight.ShapeString} larger than padded input {x.ShapeString}.");
        if (into.Size(0) != x.Size(0) || into.Size(2) != g.OutHeight || into.Size(3) != g.OutWidth || outOffset < 0 || outOffset + cout > into.Size(1))
            throw new ArgumentException($"conv2d: output {into.ShapeString} has no room for {cout} channels of {g.OutHeight}x{g.OutWidth} from channel {outOffset}.");
        if (ReferenceEquals(x, into) && outOffset < cin)
            throw new ArgumentException($"conv2d: writing channels from {outOffset} over the {cin} channels read.");
        long inPlanes = (long)x.Size(1) * x.Size(2) * x.Size(3), outPlane = (long)g.OutHeight * g.OutWidth;
        float* b = bias == null ? null : bias.DataPointer;
        // One image at a time: a channel range of a batch is not one block of memory.
        for (int n = 0; n < x.Size(0); n++)
        {
            float* input = x.DataPointer + n * inPlanes, output = into.DataPointer + ((long)n * into.Size(1) + outOffset) * outPlane;
            if (slope is { } s && Conv2dKernels.Best is IFusedConv2dKernel fused)
            {
                fused.ForwardLeakyRelu(g, input, weight.DataPointer, b, output, s);
                continue;
            }
            Conv2dKernels.Best.Forward(g, input, weight.DataPointer, b, output);
            if (slope is { } t) Cpu.Activation.LeakyForward(output, output, checked((int)(cout * outPlane)), t);
        }
    }
}
