using SuperRes.Evaluation;
using SuperRes.Processing;
using SuperRes.Training.Data;

namespace SuperRes.Training.Degradation;

/// <summary>
/// LR inputs for measuring models on degraded photos rather than on clean bicubic downscaling,
/// each a function of the ground truth, the image's name and a seed:
/// <c>realesrgan</c>, the Real-ESRGAN pipeline with its default ranges
/// (<see cref="RealWorldDegradation"/>), its random stream drawn from (seed, name); or
/// <c>jpegQ</c> (e.g. <c>jpeg40</c>), the ground truth saved as JPEG at quality Q and
/// then MATLAB-bicubic downscaled and rounded to 8 bits, as a photo shrunk after it was saved.
/// Scoring is the benchmark protocol's (<see cref="BenchmarkProtocol.Measure"/>: Y, shaved border).
/// </summary>
public sealed class DegradedBenchmark
{
    private static readonly RealWorldDegradation Pipeline = new(new DegradationConfig());

    public DegradedBenchmark(string kind, int scale, long seed)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 2);
        Kind = kind.ToLowerInvariant();
        if (Kind != "realesrgan" && !(Kind.StartsWith("jpeg", StringComparison.Ordinal) && int.TryParse(Kind[4..], out var q) && q is >= 1 and <= 100))
            throw new ArgumentException($"Unknown degradation '{kind}': use realesrgan or jpegQ with a quality Q from 1 to 100 (e.g. jpeg40).", nameof(kind));
        Scale = scale;
        Seed = seed;
    }

    public string Kind { get; }

    public int Scale { get; }

    public long Seed { get; }

    /// <summary>The degraded LR planes (8-bit levels) of modcropped ground-truth planes.</summary>
    public Plane[] LowResolution(IReadOnlyList<Plane> groundTruth, string name)
    {
        ArgumentNullException.ThrowIfNull(groundTruth);
        ArgumentNullException.ThrowIfNull(name);
        if (Kind == "realesrgan") return Pipeline.Apply(groundTruth, Scale, TrainingRandom.For(Seed, StableHash(name)));
        var jpeg = JpegRoundTrip.Apply(groundTruth, int.Parse(Kind[4..], System.Globalization.CultureInfo.InvariantCulture));
        return Imresize.Resize(jpeg, 1.0 / Scale, KnownResizeKernels.Bicubic).Select(p => ImagePlanes.Quantize(p)).ToArray();
    }

    /// <summary>FNV-1a of the name: the same stream for an image whatever order the folder is read in.</summary>
    internal static long StableHash(string name)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in name)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        return (long)h;
    }
}
