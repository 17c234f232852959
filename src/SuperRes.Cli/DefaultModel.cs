using SuperRes.Models;

namespace SuperRes.Cli;

/// <summary>
/// The model used when <c>--model</c> is omitted: the library's <see cref="BuiltInModel"/>. A build
/// without it (none embedded) falls back to bicubic and says so.
/// </summary>
public static class DefaultModel
{
    /// <summary>Printed on stderr when the default falls back to bicubic.</summary>
    public const string FallbackNote = "no built-in model is embedded in this build; using bicubic (pass --model FILE to use a trained model)";

    /// <summary>The built-in network, or null when none is embedded.</summary>
    public static SuperResolutionModel? Load() => BuiltInModel.Load();
}
