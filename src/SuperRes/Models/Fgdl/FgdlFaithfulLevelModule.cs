using SuperRes.Tensors;
using SuperRes.Tensors.Nn;

namespace SuperRes.Models.Fgdl;

/// <summary>
/// One level of <see cref="FgdlFaithfulNetwork"/>: LapSRN's level trunk (convs, upconv, image_up,
/// under LapSRN's names) with its residual conv replaced by <c>bins</c>, a 3x3 conv F -> C*K
/// initialised to zero, and (learned radius) <c>radius</c>, the Class-Module's 1x1 conv F -> C*(R+1).
/// </summary>
internal sealed class FgdlFaithfulLevelModule : Module
{
    private readonly LapSrnLevel _trunk;

    public FgdlFaithfulLevelModule(LapSrnLevel trunk, int featureChannels, int imageChannels, FgdlOptions options, Rng rng)
    {
        _trunk = trunk;
        RegisterModule("convs", trunk.Convs);
        RegisterModule("upconv", trunk.UpConv);
        RegisterModule("image_up", trunk.ImageUp);
        BinConv = RegisterModule("bins", new Conv2d(featureChannels, imageChannels * options.Bins, 3, rng, padding: 1));
        BinConv.Weight.AsSpan().Clear();
        BinConv.Bias!.AsSpan().Clear();
        if (options.LearnedRadius)
            RadiusConv = RegisterModule("radius", new Conv2d(featureChannels, imageChannels * (options.MaxRadius + 1), 1, rng));
    }

    public Conv2d BinConv { get; }

    public Conv2d? RadiusConv { get; }

    public override Tensor Forward(Tensor x) =>
        throw new NotSupportedException("A faithful FGDL level takes features and an image: use Forward(features, image, options).");

    /// <summary>The level's features (for the next level) and its reading.</summary>
    public (Tensor Features, FgdlFaithfulLevel Level) Forward(Tensor features, Tensor image, FgdlOptions options)
    {
        var (f, upscaled) = _trunk.ForwardTrunk(features, image);
        var level = FgdlFaithfulReadout.Read(BinConv.Forward(f), upscaled, RadiusConv?.Forward(f), options);
        return (f, level);
    }

    /// <summary>LapSRN's residual conv is not part of this network; it is freed here.</summary>
    public override void Dispose()
    {
        _trunk.Residual.Dispose();
        base.Dispose();
    }
}
