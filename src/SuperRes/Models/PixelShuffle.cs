using SuperRes.Tensors;
using SuperRes.Tensors.Nn;

namespace SuperRes.Models;

/// <summary>
/// Sub-pixel rearrangement [n, c*r*r, h, w] to [n, c, h*r, w*r] (Shi et al., ESPCN, CVPR 2016),
/// with PyTorch's channel order. No parameters; the engine's pixel-shuffle op does the work.
/// </summary>
public sealed class PixelShuffle : Module
{
    public PixelShuffle(int outChannels, int factor)
    {
        if (outChannels < 1 || factor < 1) throw new ArgumentException("PixelShuffle: channels and factor must be positive.");
        Factor = factor;
    }

    public int Factor { get; }

    public override Tensor Forward(Tensor x) => Ops.PixelShuffle(x, Factor);
}
