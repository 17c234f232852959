using SuperRes.Tensors;
using SuperRes.Tensors.Nn;

namespace SuperRes.Models;

/// <summary>
/// SRVGGNetCompact, the compact Real-ESRGAN network: X. Wang, L. Xie, C. Dong, Y. Shan,
/// "Real-ESRGAN: Training Real-World Blind Super-Resolution with Pure Synthetic Data", ICCVW 2021
/// (realesr-general-x4v3, realesr-animevideov3). A plain VGG-style body at low resolution: a 3x3
/// conv and a per-channel PReLU, <c>Convs</c> more such pairs, then a conv to
/// <c>channels * scale²</c> and a pixel shuffle; the nearest-upsampled input is added, so the
/// network learns the residual. Parameter names follow BasicSR (<c>body.0.weight</c> ...).
/// </summary>
public sealed class SrVggNetCompact : SuperResolutionModel
{
    private readonly Sequential _body;
    private readonly SrVggNetCompactOptions _o;

    public SrVggNetCompact(SrVggNetCompactOptions options, Rng rng)
        : base(options)
    {
        _o = options;
        int w = options.Width;
        _body = RegisterModule("body", new Sequential());
        _body.Add(new Conv2d(Channels, w, 3, rng, padding: 1)).Add(new PReLU(w));
        for (int i = 0; i < options.Convs; i++) _body.Add(new Conv2d(w, w, 3, rng, padding: 1)).Add(new PReLU(w));
        _body.Add(new Conv2d(w, Channels * Scale * Scale, 3, rng, padding: 1));
    }

    public override string Architecture => KnownModels.SrVggNetCompactName;

    public override Tensor Forward(Tensor x)
    {
        SpatialOps.RequireInput(x, Channels, "SRVGGNetCompact");
        var residual = Ops.PixelShuffle(_body.Forward(x), Scale);
        return Ops.Add(residual, Ops.Upsample(x, Scale, ResampleMode.Nearest));
    }

    public override double FlopsPerOutputPixel
    {
        get
        {
            int w = _o.Width;
            double lr = 1.0 / (Scale * Scale);
            return ConvFlops(Channels, w, 3, lr) + _o.Convs * ConvFlops(w, w, 3, lr) + ConvFlops(w, Channels * Scale * Scale, 3, lr);
        }
    }
}
