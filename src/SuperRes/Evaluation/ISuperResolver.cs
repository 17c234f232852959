using SuperRes.Processing;

namespace SuperRes.Evaluation;

/// <summary>
/// A single-image super-resolution method. Planes are float, in [0, 255] scale whatever the file's bit
/// depth, and not rounded (the protocol keeps the LR image in floating point unless asked otherwise).
/// </summary>
public interface ISuperResolver
{
    /// <summary>Short name used on the command line and in results, e.g. "bicubic".</summary>
    string Name { get; }

    /// <summary>Whether the method wants the Y plane only or the colour planes.</summary>
    SuperResolverInput Input { get; }

    /// <summary>
    /// Upscales <paramref name="lowResolution"/> (one plane for <see cref="SuperResolverInput.Luma"/>;
    /// 1 or 3 for <see cref="SuperResolverInput.Color"/>) by <paramref name="scale"/>. Returns as many
    /// planes, each exactly <c>scale</c> times wider and taller, unrounded and unclipped.
    /// </summary>
    Plane[] Upscale(IReadOnlyList<Plane> lowResolution, int scale);
}
