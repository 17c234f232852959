using SuperRes.Tensors;
using SuperRes.Tensors.Nn;

namespace SuperRes.Models;

/// <summary>
/// Sub-pixel rearrangement [n, c*r*r, h, w] to [n, c, h*r, w*r] (Shi et al., ESPCN, CVPR 2016),
/// with PyTorch's channel order. No parameters; it runs as a transposed convolution with fixed
/// one-hot filters, which gives the engine's gradient for free.
/// </summary>
public sealed class PixelShuffle : Module
{
    private readonly Tensor _filter;

    public PixelShuffle(int outChannels, int factor)
    {
        if (outChannels < 1 || factor < 1) throw new ArgumentException("PixelShuffle: channels and factor must be positive.");
        Factor = factor;
        _filter = SpatialOps.PixelShuffleFilter(outChannels, factor);
    }

    public int Factor { get; }

    public override Tensor Forward(Tensor x) => SpatialOps.PixelShuffle(x, _filter, Factor);

    public override void Dispose()
    {
        _filter.Dispose();
        base.Dispose();
    }
}
