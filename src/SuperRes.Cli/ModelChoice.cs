using SuperRes.Evaluation;
using SuperRes.Inference;
using SuperRes.Models;

namespace SuperRes.Cli;

/// <summary>
/// What <c>--model</c> resolved to: a network (from a file or built in, run by our engine or by
/// ONNX Runtime), or bicubic when <see cref="Network"/> is null.
/// </summary>
public sealed record ModelChoice(string Name, IInferenceNetwork? Network)
{
    /// <summary>A remark for stderr once the inputs checked out (the default falling back to bicubic), or null.</summary>
    public string? Note { get; init; }

    /// <summary>Our network when our engine runs it, else null.</summary>
    public SuperResolutionModel? Model => (Network as EngineNetwork)?.Model;

    public void WriteNote(TextWriter error)
    {
        if (Note is not null) error.WriteLine($"superres: note: {Note}");
    }

    /// <summary>The scales this choice serves; bicubic serves any.</summary>
    public bool Supports(int scale) => Network is null || Network.Scales.Contains(scale);

    /// <summary>Throws a usage error naming the model when it cannot upscale by <paramref name="scale"/>.</summary>
    public void RequireScale(int scale)
    {
        if (Supports(scale)) return;
        var scales = Network!.Scales;
        var options = string.Join(" or ", scales.Select(s => $"--scale {s}"));
        throw new CliException(ExitCodes.Usage,
            $"{Name}: this {Network.Name} model upscales by {string.Join(" or ", scales)}, not by {scale}; pass {options}, or --outscale {scale} (x{scales.Where(s => s >= scale).DefaultIfEmpty(scales.Max()).Min()} by the model, then bicubic)");
    }

    public ISuperResolver CreateResolver(UpscalerOptions? options = null) =>
        Network is null ? new BicubicSuperResolver() : new NetworkSuperResolver(Network, Name, options);
}
