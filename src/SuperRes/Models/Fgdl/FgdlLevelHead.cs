using SuperRes.Tensors;
using SuperRes.Tensors.Nn;

namespace SuperRes.Models.Fgdl;

/// <summary>
/// The FGDL heads of one level: a classification head (K logits per pixel and channel) and a
/// regression head (one value t), each a small convolution of the level's features plus one of its
/// upsampled image (the sum of two convolutions equals one convolution of their concatenation).
/// </summary>
public sealed class FgdlLevelHead : Module
{
    private readonly Conv2d _classFeatures;
    private readonly Conv2d _classImage;
    private readonly Conv2d _regressFeatures;
    private readonly Conv2d _regressImage;

    public FgdlLevelHead(int featureChannels, int imageChannels, int bins, int kernel, Rng rng)
    {
        var pad = kernel / 2;
        _classFeatures = RegisterModule("cls_features", new Conv2d(featureChannels, imageChannels * bins, kernel, rng, padding: pad));
        _classImage = RegisterModule("cls_image", new Conv2d(imageChannels, imageChannels * bins, kernel, rng, padding: pad, bias: false));
        _regressFeatures = RegisterModule("reg_features", new Conv2d(featureChannels, imageChannels, kernel, rng, padding: pad));
        _regressImage = RegisterModule("reg_image", new Conv2d(imageChannels, imageChannels, kernel, rng, padding: pad, bias: false));
    }

    public override Tensor Forward(Tensor x) =>
        throw new NotSupportedException("An FGDL head takes a feature level: use Forward(FeatureLevel).");

    /// <summary>Logits [n, c*K, h, w] and regression values t [n, c, h, w].</summary>
    public (Tensor Logits, Tensor T) Forward(FeatureLevel level)
    {
        ArgumentNullException.ThrowIfNull(level);
        var logits = Ops.Add(_classFeatures.Forward(level.Features), _classImage.Forward(level.Upsampled));
        var t = Ops.Add(_regressFeatures.Forward(level.Features), _regressImage.Forward(level.Upsampled));
        return (logits, t);
    }

    /// <summary>Multiply-adds per output pixel of the heads at inference (classification + regression).</summary>
    public static double MultiplyAddsPerPixel(int featureChannels, int imageChannels, int bins, int kernel) =>
        (double)kernel * kernel * (featureChannels + imageChannels) * imageChannels * (bins + 1);
}
