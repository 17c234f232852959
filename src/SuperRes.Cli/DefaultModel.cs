using SuperRes.Models;

namespace SuperRes.Cli;

/// <summary>
/// The model used when <c>--model</c> is omitted. No trained weights are embedded yet, so it
/// falls back to bicubic and says so; embedding the real model only changes <see cref="Load"/>.
/// </summary>
public static class DefaultModel
{
    /// <summary>Printed on stderr when the default falls back to bicubic.</summary>
    public const string FallbackNote = "no built-in model is embedded yet; using bicubic (pass --model FILE to use a trained model)";

    /// <summary>The built-in network, or null while none is embedded.</summary>
    public static SuperResolutionModel? Load() => null;
}
