using System.Diagnostics;
using SuperRes.Inference;
using SuperRes.Models;
using SuperRes.Processing;
using SuperRes.Tensors;

namespace SuperRes.Cli.Bench;

/// <summary>
/// The `models` suite of `superres bench`: each community family (RRDBNet, SRVGGNetCompact, SPAN)
/// at its default options, x4, with random weights (speed does not depend on them), and any model
/// given with <c>--model</c>, upscaling an RGB image whose output is InferenceSize² pixels, in one tile;
/// with ONNX Runtime on the same weights (exported in memory) and threads when it is available.
/// </summary>
public static class FamilyBench
{
    /// <summary>The stages <see cref="Run"/> reports: one per family and per loaded extra model, twice with ONNX Runtime.</summary>
    public static int StageCount(IEnumerable<ModelChoice> extra, bool ort) => (3 + extra.Count(c => c.Model is not null)) * (ort ? 2 : 1);

    /// <param name="side">The input's side (<c>--input</c>); null: the output about InferenceSize² pixels. Given, the keys name it.</param>
    public static void Run(BenchSizes sizes, BenchResults results, IEnumerable<ModelChoice> extra, BenchStages stages, TextWriter error, int? ortThreads = null,
        int? side = null)
    {
        string suffix = side is { } s ? $" {s}x{s}" : "";
        foreach (var descriptor in new[] { KnownModels.RrdbNet, KnownModels.SrVggNetCompact, KnownModels.Span })
        {
            stages.Next($"{descriptor.Name} x4 inference");
            var options = descriptor.DefaultOptions with { Scale = 4 };
            // --quick checks the code paths only: one RRDB block, not 23 (about 2 s a pass on each side).
            if (ReferenceEquals(sizes, BenchSizes.Quick) && options is RrdbNetOptions rrdb) options = rrdb with { Blocks = 1 };
            using var model = descriptor.Create(options, new Rng(4));
            Measure($"{descriptor.Name} x4{suffix}", model, sizes, results, stages, error, ortThreads, side);
        }
        foreach (var choice in extra)
        {
            if (choice.Model is null) continue;
            stages.Next($"{choice.Name} x{choice.Model.Scale} inference");
            Measure($"{choice.Name} x{choice.Model.Scale}{suffix}", choice.Model, sizes, results, stages, error, ortThreads, side);
        }
    }

    private static void Measure(string key, SuperResolutionModel model, BenchSizes sizes, BenchResults results, BenchStages stages, TextWriter error, int? ortThreads,
        int? side)
    {
        var planes = Input(model, sizes, side);
        results.ModelSeconds[key] = Seconds(model, planes, sizes);
        if (ortThreads is not { } threads) return;
        stages.Next($"{key} inference, ONNX Runtime");
        try
        {
            results.OrtModelSeconds[key] = OnnxRuntimePeer.Seconds(model, planes, threads, sizes.Repeats);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException)
        {
            error.WriteLine($"superres: note: {key} does not run in ONNX Runtime ({e.Message})");
        }
    }

    /// <summary>Random planes whose x4 output is about InferenceSize² pixels (sides divisible by 4 for RRDBNet's unshuffle), or of the side given.</summary>
    private static Plane[] Input(SuperResolutionModel model, BenchSizes sizes, int? given)
    {
        int side = given ?? Math.Max(4, sizes.InferenceSize / model.Scale / 4 * 4);
        var random = new Random(5);
        return Enumerable.Range(0, model.Channels).Select(_ =>
        {
            var plane = new Plane(side, side);
            for (int i = 0; i < plane.Data.Length; i++) plane.Data[i] = (float)(255 * random.NextDouble());
            return plane;
        }).ToArray();
    }

    private static double Seconds(SuperResolutionModel model, Plane[] planes, BenchSizes sizes)
    {
        int side = planes[0].Width;
        var upscaler = new Upscaler(model, options: new UpscalerOptions { TileSize = side, Overlap = 0 });
        double best = double.MaxValue;
        for (int r = 0; r <= sizes.Repeats; r++)
        {
            long start = Stopwatch.GetTimestamp();
            upscaler.UpscalePlanes(planes);
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (r > 0 || sizes.Repeats == 0) best = Math.Min(best, seconds); // the first round warms up
        }
        return best;
    }
}
