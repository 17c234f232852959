using SuperRes.Evaluation;
using SuperRes.Training.Degradation;

namespace SuperRes.Training.Data;

/// <summary>How training pairs are cut and degraded.</summary>
/// <param name="PatchSize">HR patch side in pixels; a multiple of <paramref name="Scale"/>.</param>
/// <param name="Scale">Upscaling factor: LR patches are <c>PatchSize / Scale</c> pixels.</param>
/// <param name="LrPrecision">LR kept in float (LapSRN) or rounded to 8 bits (an LR file on disk).</param>
/// <param name="Flip">Random horizontal flip.</param>
/// <param name="Rotate">Random rotation by 0, 90, 180 or 270 degrees.</param>
/// <param name="MinDownscale">
/// LapSRN's scale augmentation: the HR image is first shrunk by a factor drawn uniformly in
/// [MinDownscale, 1] (1 turns it off; LapSRN uses 0.5).
/// </param>
/// <param name="MultiLevel">Also make LapSRN's intermediate targets: level k of log2(scale) is imresize(hr, 2^k / scale).</param>
/// <param name="Degradation">
/// Real-ESRGAN's random real-world degradation instead of bicubic downscaling (the LR is then 8-bit);
/// null keeps bicubic.
/// </param>
public sealed record PatchOptions(
    int PatchSize,
    int Scale,
    LrPrecision LrPrecision = LrPrecision.Float,
    bool Flip = true,
    bool Rotate = true,
    double MinDownscale = 1.0,
    bool MultiLevel = false,
    DegradationConfig? Degradation = null)
{
    /// <summary>Number of targets per sample: log2(scale) for multi-level, else 1.</summary>
    public int Levels => MultiLevel ? LevelCount(Scale) : 1;

    public int LrPatchSize => PatchSize / Scale;

    /// <summary>Throws if the options cannot work.</summary>
    public void Validate()
    {
        if (Scale < 1) throw new ArgumentOutOfRangeException(nameof(Scale), $"Scale {Scale} must be at least 1.");
        if (PatchSize < Scale || PatchSize % Scale != 0)
            throw new ArgumentOutOfRangeException(nameof(PatchSize), $"Patch size {PatchSize} must be a positive multiple of the scale {Scale}.");
        if (!(MinDownscale > 0 && MinDownscale <= 1))
            throw new ArgumentOutOfRangeException(nameof(MinDownscale), $"MinDownscale {MinDownscale} must lie in (0, 1].");
        if (MultiLevel) LevelCount(Scale);
        if (Degradation is not null)
        {
            if (MultiLevel) throw new ArgumentException("The real-world degradation makes one LR input; it cannot be combined with multi-level targets.");
            Degradation.Validate();
        }
    }

    private static int LevelCount(int scale)
    {
        if (scale < 2 || (scale & (scale - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(Scale), $"Multi-level targets need a power-of-two scale, not {scale}.");
        return System.Numerics.BitOperations.Log2((uint)scale);
    }
}
