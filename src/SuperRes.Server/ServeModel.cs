using SuperRes.Inference;
using SuperRes.Models;

namespace SuperRes.Server;

/// <summary>A method the server offers: a loaded network, or bicubic when <see cref="Model"/> is null.</summary>
public sealed record ServeModel(string Name, SuperResolutionModel? Model)
{
    /// <summary>The scales bicubic is offered at (it serves any; these are the usual ones).</summary>
    public static IReadOnlyList<int> BicubicScales { get; } = [2, 3, 4, 8];

    /// <summary>The scales this method serves: every level of a LapSRN, a network's own scale, or <see cref="BicubicScales"/>.</summary>
    public IReadOnlyList<int> Scales => Model is null ? BicubicScales : Upscaler.SupportedScales(Model);
}
