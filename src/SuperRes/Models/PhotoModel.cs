namespace SuperRes.Models;

/// <summary>
/// The second built-in model, for real photos (<c>--model photo</c>): SRVGGNetCompact (32 features,
/// 10 body convolutions, x4, RGB) trained from scratch by this project on T91 and BSD200 degraded
/// by the Real-ESRGAN pipeline (<see cref="Training.Degradation.RealWorldDegradation"/>;
/// configs/photo-model.json, figures in docs/RESULTS.md). Unlike <see cref="BuiltInModel"/>, which
/// learned clean bicubic downscaling, it has seen blur, noise, resizing and JPEG artefacts.
/// Embedded as a resource when src/SuperRes/Models/BuiltIn/photo.safetensors exists at build time.
/// </summary>
public static class PhotoModel
{
    public const string ResourceName = "SuperRes.Models.BuiltIn.photo.safetensors";

    /// <summary>The name <c>--model</c> takes and results show.</summary>
    public const string DisplayName = "photo";

    /// <summary>The config that trains it and where that run leaves its weights (run from the repository root).</summary>
    public const string TrainCommand = "superres train -c configs/photo-model.json --out runs/photo-model";

    /// <summary>Whether this build carries the embedded model.</summary>
    public static bool IsAvailable => typeof(PhotoModel).Assembly.GetManifestResourceInfo(ResourceName) is not null;

    /// <summary>A fresh instance of the photo model (the caller disposes it), or null when none is embedded.</summary>
    public static SuperResolutionModel? Load()
    {
        using var stream = typeof(PhotoModel).Assembly.GetManifestResourceStream(ResourceName);
        return stream is null ? null : ModelFile.Load(stream, "built-in model " + ResourceName);
    }
}
