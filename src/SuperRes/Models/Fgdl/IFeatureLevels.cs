using SuperRes.Tensors;

namespace SuperRes.Models.Fgdl;

/// <summary>
/// A network that exposes, at each output level (coarsest first; one level for single-output
/// networks), its last features, its upsampled image and its prediction, so that FGDL heads can be
/// attached (docs/FGDL.md). <see cref="LapSrnFeatureLevels"/> adapts <see cref="Models.LapSrn"/>.
/// </summary>
public interface IFeatureLevels
{
    /// <summary>Channels of <see cref="FeatureLevel.Features"/>.</summary>
    int FeatureChannels { get; }

    /// <summary>Image channels (1 for Y).</summary>
    int ImageChannels { get; }

    int LevelCount { get; }

    IReadOnlyList<FeatureLevel> ForwardFeatureLevels(Tensor input);

    /// <summary>The first <paramref name="levels"/> levels only.</summary>
    IReadOnlyList<FeatureLevel> ForwardFeatureLevels(Tensor input, int levels);
}
