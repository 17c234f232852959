using SuperRes.Tensors.Kernels;

namespace SuperRes.Tensors;

/// <summary>conv2d followed by leaky ReLU, fused into one pass over the output when nothing needs a gradient.</summary>
public static unsafe partial class Ops
{
    /// <summary>
    /// leaky_relu(conv2d(x, weight, bias, stride 1, padding), slope). Without gradients the activation
    /// runs inside the conv kernel on each output block while it is in cache (no second pass, no
    /// second tensor); with gradients it is the two recorded ops.
    /// </summary>
    public static Tensor Conv2dLeakyRelu(Tensor x, Tensor weight, Tensor? bias, Padding2d padding, float slope)
    {
        if (Autograd.Needs(x, weight, bias) || Conv2dKernels.Best is not IFusedConv2dKernel fused)
        {
            var conv = Conv2d(x, weight, bias, 1, 1, padding);
            var y = LeakyRelu(conv, slope);
            if (!Tape.IsGradEnabled) conv.Dispose();
            return y;
        }
        var g = CheckConv2d(x, weight, bias, 1, 1, padding);
        var output = Tensor.EmptyOwned([g.Batch, g.OutChannels, g.OutHeight, g.OutWidth]);
        fused.ForwardLeakyRelu(g, x.DataPointer, weight.DataPointer, bias == null ? null : bias.DataPointer, output.DataPointer, slope);
        return output;
    }

    /// <summary>
    /// leaky_relu(conv_transpose2d(x, weight, bias, stride, crop), slope); without gradients the
    /// activation is applied as the output is written (one tensor, one pass).
    /// </summary>
    public static Tensor ConvTranspose2dLeakyRelu(Tensor x, Tensor weight, Tensor? bias, int stride, Padding2d crop, float slope)
    {
        if (Autograd.Needs(x, weight, bias))
            return LeakyRelu(ConvTranspose2d(x, weight, bias, stride, crop), slope);
        var geo = CheckConvTranspose2d(x, weight, bias, stride, crop);
        return ConvTranspose2d(x, weight, bias, geo, true, slope);
    }
}
