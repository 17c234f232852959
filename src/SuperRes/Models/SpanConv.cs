using SuperRes.Tensors;
using SuperRes.Tensors.Nn;

namespace SuperRes.Models;

/// <summary>
/// SPAN's Conv3XC at inference: one 3x3 convolution <c>eval_conv</c>. Checkpoints store the training
/// form (1x1 expand, 3x3, 1x1 reduce, plus a 1x1 skip); <see cref="SpanFolding"/> composes those
/// into this single kernel when the weights are loaded.
/// </summary>
internal sealed class SpanConv : Module
{
    private readonly Conv2d _conv;

    public SpanConv(int inChannels, int outChannels, Rng rng) =>
        _conv = RegisterModule("eval_conv", new Conv2d(inChannels, outChannels, 3, rng, padding: 1));

    public override Tensor Forward(Tensor x) => _conv.Forward(x);
}
