using SuperRes.Processing;

namespace SuperRes.Evaluation;

/// <summary>The baseline: MATLAB <c>imresize(lr, scale, 'bicubic')</c> on every colour plane.</summary>
public sealed class BicubicSuperResolver : ISuperResolver
{
    public string Name => "bicubic";

    public SuperResolverInput Input => SuperResolverInput.Color;

    public Plane[] Upscale(IReadOnlyList<Plane> lowResolution, int scale)
    {
        ArgumentNullException.ThrowIfNull(lowResolution);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        return Imresize.Resize(lowResolution, scale, KnownResizeKernels.Bicubic);
    }
}
