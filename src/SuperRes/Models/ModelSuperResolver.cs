using SuperRes.Evaluation;
using SuperRes.Inference;
using SuperRes.Processing;

namespace SuperRes.Models;

/// <summary>
/// Runs a <see cref="SuperResolutionModel"/> as an <see cref="ISuperResolver"/> through an
/// <see cref="Upscaler"/> (the path `superres upscale` takes too): planes in [0, 255] are tiled,
/// run in [0, 1] without recording a graph, and scaled back (unrounded, unclipped: the protocol
/// does that). A LapSRN serves every level of its pyramid.
/// </summary>
public sealed class ModelSuperResolver(SuperResolutionModel model, string? name = null, UpscalerOptions? options = null) : ISuperResolver
{
    private readonly Dictionary<int, Upscaler> _upscalers = new();

    public SuperResolutionModel Model { get; } = model ?? throw new ArgumentNullException(nameof(model));

    public string Name { get; } = name ?? model.Architecture;

    public SuperResolverInput Input => Model.Channels == 1 ? SuperResolverInput.Luma : SuperResolverInput.Color;

    public Plane[] Upscale(IReadOnlyList<Plane> lowResolution, int scale)
    {
        ArgumentNullException.ThrowIfNull(lowResolution);
        var supported = Upscaler.SupportedScales(Model);
        if (!supported.Contains(scale))
            throw new ArgumentException($"{Name} upscales by {string.Join(" or ", supported)}, not {scale}.", nameof(scale));
        if (lowResolution.Count != Model.Channels)
            throw new ArgumentException($"{Name} takes {Model.Channels} plane(s), got {lowResolution.Count}.", nameof(lowResolution));
        if (!_upscalers.TryGetValue(scale, out var upscaler))
            _upscalers[scale] = upscaler = new Upscaler(Model, scale, options);
        return upscaler.UpscalePlanes(lowResolution);
    }
}
