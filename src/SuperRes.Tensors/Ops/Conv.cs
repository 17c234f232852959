using SuperRes.Tensors.Cpu;
using SuperRes.Tensors.Kernels;

namespace SuperRes.Tensors;

/// <summary>
/// conv2d and conv_transpose2d on <see cref="Conv2dKernels.Best"/>. A transposed convolution is
/// the conv's passes swapped: its forward is the conv's BackwardInput, and so on.
/// </summary>
public static unsafe partial class Ops
{
    /// <summary>x [N,Cin,H,W], weight [Cout,Cin,kh,kw], bias [Cout] or null (PyTorch conv2d).</summary>
    public static Tensor Conv2d(Tensor x, Tensor weight, Tensor? bias = null, int stride = 1, Padding2d padding = default)
        => Conv2d(x, weight, bias, stride, stride, padding);

    public static Tensor Conv2d(Tensor x, Tensor weight, Tensor? bias, int strideH, int strideW, Padding2d padding)
    {
        var g = CheckConv2d(x, weight, bias, strideH, strideW, padding);
        var y = Tensor.EmptyOwned([g.Batch, g.OutChannels, g.OutHeight, g.OutWidth]);
        Conv2dKernels.Best.Forward(g, x.DataPointer, weight.DataPointer, bias == null ? null : bias.DataPointer, y.DataPointer);
        if (Autograd.Needs(x, weight, bias)) RecordConv(x, weight, bias, y, g);
        return y;
    }

    private static Conv2dGeometry CheckConv2d(Tensor x, Tensor weight, Tensor? bias, int strideH, int strideW, Padding2d padding)
    {
        Shapes.RequireRank(x, 4, "conv2d input");
        Shapes.RequireRank(weight, 4, "conv2d weight");
        if (weight.Size(1) != x.Size(1))
            throw new ArgumentException($"conv2d: input {x.ShapeString} has {x.Size(1)} channels, weight {weight.ShapeString} expects {weight.Size(1)}.");
        if (bias != null && (bias.Length != weight.Size(0)))
            throw new ArgumentException($"conv2d: bias {bias.ShapeString} does not match {weight.Size(0)} output channels.");
        if (strideH < 1 || strideW < 1) throw new ArgumentException("conv2d: stride must be positive.");
        var g = new Conv2dGeometry(x.Size(0), x.Size(1), x.Size(2), x.Size(3), weight.Size(0), weight.Size(2), weight.Size(3),
            strideH, strideW, padding.Top, padding.Left, padding.Bottom, padding.Right);
        if (x.Size(2) + padding.Top + padding.Bottom < weight.Size(2) || x.Size(3) + padding.Left + padding.Right < weight.Size(3))
            throw new ArgumentException($"conv2d: kernel {weight.ShapeString} larger than padded input {x.ShapeString}.");
        return g;
    }

    private static void RecordConv(Tensor x, Tensor w, Tensor? b, Tensor y, Conv2dGeometry geo) =>
        Autograd.Record(y, "conv2d", b == null ? [x, w] : [x, w, b], g =>
        {
            var kernel = Conv2dKernels.Best;
            if (x.RequiresGrad)
            {
                var gx = NewLike(x);
                kernel.BackwardInput(geo, g.DataPointer, w.DataPointer, gx.DataPointer);
                Autograd.Accumulate(x, gx);
            }
            if (w.RequiresGrad || b is { RequiresGrad: true })
            {
                var gw = NewLike(w);
                var gb = b == null ? null : NewLike(b);
                kernel.BackwardWeight(geo, x.DataPointer, g.DataPointer, gw.DataPointer, gb == null ? null : gb.DataPointer);
                Autograd.Accumulate(w, gw);
                if (b != null) Autograd.Accumulate(b, gb!);
            }
        });

    /// <summary>
    /// x [N,Cin,H,W], weight [Cin,Cout,kh,kw] (PyTorch layout), bias [Cout] or null. Output size
    /// (H-1)*stride - 2*padding + k + outputPadding, as PyTorch's conv_transpose2d.
    /// </summary>
    public static Tensor ConvTranspose2d(Tensor x, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0, int outputPadding = 0)
    {
        Shapes.RequireRank(x, 4, "conv_transpose2d input");
        Shapes.RequireRank(weight, 4, "conv_transpose2d weight");
        if (weight.Size(0) != x.Size(1))
            throw new ArgumentException($"conv_transpose2d: input {x.ShapeString} has {x.Size(1)} channels, weight {weight.ShapeString} expects {weight.Size(0)}.");
        if (bias != null && bias.Length != weight.Size(1))
            throw new ArgumentException($"conv_transpose2d: bias {bias.ShapeString} does not match {weight.Size(1)} output channels.");
        if (stride < 1 || padding < 0 || outputPadding < 0 || outputPadding >= stride)
            throw new ArgumentException($"conv_transpose2d: need stride ≥ 1, padding ≥ 0, 0 ≤ outputPadding < stride (got {stride}, {padding}, {outputPadding}).");
        int kh = weight.Size(2), kw = weight.Size(3);
        int oh = (x.Size(2) - 1) * stride - 2 * padding + kh + outputPadding;
        int ow = (x.Size(3) - 1) * stride - 2 * padding + kw + outputPadding;
        if (oh <= 0 || ow <= 0) throw new ArgumentException($"conv_transpose2d: output of {x.ShapeString} would be empty.");
        // The conv whose input is our output: extra bottom/right rows beyond its windows come from floor division.
        int pb = Math.Max(0, padding - outputPadding);
        var geo = new Conv2dGeometry(x.Size(0), weight.Size(1), oh, ow, weight.Size(0), kh, kw, stride, stride, padding, padding, pb, pb);
        if (geo.OutHeight != x.Size(2) || geo.OutWidth != x.Size(3))
            throw new InvalidOperationException("conv_transpose2d geometry mismatch.");
        return ConvTranspose2d(x, weight, bias, geo);
    }

    /// <summary>
    /// As <see cref="ConvTranspose2d(Tensor, Tensor, Tensor?, int, int, int)"/> with the full output
    /// ((H-1)*stride + k) cropped by <paramref name="crop"/> on each side (MatConvNet's crop; PyTorch
    /// padding p is crop (p, p, p - outputPadding, p - outputPadding)).
    /// </summary>
    public static Tensor ConvTranspose2d(Tensor x, Tensor weight, Tensor? bias, int stride, Padding2d crop) =>
        ConvTranspose2d(x, weight, bias, CheckConvTranspose2d(x, weight, bias, stride, crop));

    private static Conv2dGeometry CheckConvTranspose2d(Tensor x, Tensor weight, Tensor? bias, int stride, Padding2d crop)
    {
        Shapes.RequireRank(x, 4, "conv_transpose2d input");
        Shapes.RequireRank(weight, 4, "conv_transpose2d weight");
        if (weight.Size(0) != x.Size(1))
            throw new ArgumentException($"conv_transpose2d: input {x.ShapeString} has {x.Size(1)} channels, weight {weight.ShapeString} expects {weight.Size(0)}.");
        if (bias != null && bias.Length != weight.Size(1))
            throw new ArgumentException($"conv_transpose2d: bias {bias.ShapeString} does not match {weight.Size(1)} output channels.");
        if (stride < 1 || crop.Top < 0 || crop.Left < 0 || crop.Bottom < 0 || crop.Right < 0)
            throw new ArgumentException($"conv_transpose2d: need stride ≥ 1 and crops ≥ 0 (got {stride}, {crop}).");
        int kh = weight.Size(2), kw = weight.Size(3);
        int oh = (x.Size(2) - 1) * stride + kh - crop.Top - crop.Bottom;
        int ow = (x.Size(3) - 1) * stride + kw - crop.Left - crop.Right;
        if (oh <= 0 || ow <= 0) throw new ArgumentException($"conv_transpose2d: output of {x.ShapeString} would be empty.");
        // Cropped rows are the padding of the conv whose input is our output.
        var geo = new Conv2dGeometry(x.Size(0), weight.Size(1), oh, ow, weight.Size(0), kh, kw, stride, stride,
            crop.Top, crop.Left, crop.Bottom, crop.Right);
        if (geo.OutHeight != x.Size(2) || geo.OutWidth != x.Size(3))
            throw new InvalidOperationException("conv_transpose2d geometry mismatch.");
        return geo;
    }

    private static Tensor ConvTranspose2d(Tensor x, Tensor weight, Tensor? bias, in Conv2dGeometry geo) =>
        ConvTranspose2d(x, weight, bias, geo, false, 0f);

    private static Tensor ConvTranspose2d(Tensor x, Tensor weight, Tensor? bias, in Conv2dGeometry geo, bool leaky, float slope)
    {
        var y = Tensor.EmptyOwned([geo.Batch, geo.InChannels, geo.InHeight, geo.InWidth]);
        if (geo.StrideH > 1 && geo.StrideH == geo.StrideW && !DisableSubPixel)
        {
            SubPixelConvTranspose.Forward(Conv2dKernels.Best, geo, x.DataPointer, weight.DataPointer,
                bias == null ? null : bias.DataPointer, y.DataPointer, leaky, slope);
            leaky = false;
        }
        else
        {
            Conv2dKernels.Best.BackwardInput(geo, x.DataPointer, weight.DataPointer, y.DataPointer);
            if (bias != null) AddChannelBias(y, bias);
        }
        if (leaky) Cpu.Activation.LeakyForward(y.DataPointer, y.DataPointer, y.Length, slope);
        if (Autograd.Needs(x, weight, bias)) RecordConvTranspose(x, weight, bias, y, geo);
        return y;
    }

    /// <summary>Per-thread switch for tests: strided transposed convs by col2im (the reference path) instead of sub-pixel convs.</summary>
    [ThreadStatic] internal static bool DisableSubPixel;

    private static void RecordConvTranspose(Tensor x, Tensor w, Tensor? b, Tensor y, Conv2dGeometry geo) =>
        Autograd.Record(y, "conv_transpose2d", b == null ? [x, w] : [x, w, b], g =>
        {
            var kernel = Conv2dKernels.Best;
            if (x.RequiresGrad)
            {
                var gx = NewLike(x);
                kernel.Forward(geo, g.DataPointer, w.DataPointer, null, gx.DataPointer);
                Autograd.Accumulate(x, gx);
            }
            if (w.RequiresGrad)
            {
                var gw = NewLike(w);
                kernel.BackwardWeight(geo, g.DataPointer, x.DataPointer, gw.DataPointer, null);
                Autograd.Accumulate(w, gw);
            }
            if (b is { RequiresGrad: true }) Autograd.Accumulate(b, SumTo(g, [1, b.Length, 1, 1]).ReshapedTo(b.Dims));
        });

    private static void AddChannelBias(Tensor y, Tensor bias)
    {
        int n = y.Size(0), c = y.Size(1), hw = y.Size(2) * y.Size(3);
        var ys = y.AsSpan();
        var bs = bias.AsSpan();
        for (int i = 0; i < n; i++)
        for (int k = 0; k < c; k++)
            System.Numerics.Tensors.TensorPrimitives.Add(ys.Slice((i * c + k) * hw, hw), bs[k], ys.Slice((i * c + k) * hw, hw));
    }
}
