namespace SuperRes.Models;

/// <summary>
/// The default model shipped inside the library: trained from scratch by this project
/// (configs/default-model.json, then configs/default-model-stage2.json; figures in docs/RESULTS.md),
/// stored as our safetensors model file and embedded as a resource, so upscaling needs no other file.
/// </summary>
public static class BuiltInModel
{
    public const string ResourceName = "SuperRes.Models.BuiltIn.default.safetensors";

    /// <summary>Name used in results and messages.</summary>
    public const string DisplayName = "default";

    /// <summary>Whether this build carries the embedded model.</summary>
    public static bool IsAvailable => typeof(BuiltInModel).Assembly.GetManifestResourceInfo(ResourceName) is not null;

    /// <summary>A fresh instance of the built-in network (the caller disposes it), or null when none is embedded.</summary>
    public static SuperResolutionModel? Load()
    {
        using var stream = typeof(BuiltInModel).Assembly.GetManifestResourceStream(ResourceName);
        return stream is null ? null : ModelFile.Load(stream, "built-in model " + ResourceName);
    }
}
