using SuperRes.Models;
using SuperRes.Evaluation;
using SuperRes.Processing;

namespace SuperRes.Inference;

/// <summary>
/// Runs a <see cref="SuperResolutionModel"/> on our engine as an <see cref="ISuperResolver"/>
/// (a <see cref="NetworkSuperResolver"/> of its <see cref="EngineNetwork"/>). A LapSRN serves
/// every level of its pyramid.
/// </summary>
public sealed class ModelSuperResolver(SuperResolutionModel model, string? name = null, UpscalerOptions? options = null) : ISuperResolver
{
    private readonly NetworkSuperResolver _resolver =
        new(new EngineNetwork(model ?? throw new ArgumentNullException(nameof(model))), name ?? model.Architecture, options);

    public SuperResolutionModel Model { get; } = model;

    public string Name => _resolver.Name;

    public SuperResolverInput Input => _resolver.Input;

    public Plane[] Upscale(IReadOnlyList<Plane> lowResolution, int scale) => _resolver.Upscale(lowResolution, scale);
}
