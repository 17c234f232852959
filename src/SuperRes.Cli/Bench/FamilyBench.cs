using System.Diagnostics;
using SuperRes.Inference;
using SuperRes.Models;
using SuperRes.Processing;
using SuperRes.Tensors;

namespace SuperRes.Cli.Bench;

/// <summary>
/// The `models` suite of `superres bench`: each community family (RRDBNet, SRVGGNetCompact, SPAN)
/// at its default options, x4, with random weights (speed does not depend on them), and any model
/// given with <c>--model</c>, upscaling an RGB image whose output is InferenceSize² pixels, in one tile.
/// </summary>
public static class FamilyBench
{
    /// <summary>The stages <see cref="Run"/> reports: one per family and per loaded extra model.</summary>
    public static int StageCount(IEnumerable<ModelChoice> extra) => 3 + extra.Count(c => c.Model is not null);

    public static void Run(BenchSizes sizes, BenchResults results, IEnumerable<ModelChoice> extra, BenchStages stages)
    {
        foreach (var descriptor in new[] { KnownModels.RrdbNet, KnownModels.SrVggNetCompact, KnownModels.Span })
        {
            stages.Next($"{descriptor.Name} x4 inference");
            using var model = descriptor.Create(descriptor.DefaultOptions with { Scale = 4 }, new Rng(4));
            results.ModelSeconds[$"{descriptor.Name} x4"] = Seconds(model, sizes);
        }
        foreach (var choice in extra)
        {
            if (choice.Model is null) continue;
            stages.Next($"{choice.Name} x{choice.Model.Scale} inference");
            results.ModelSeconds[$"{choice.Name} x{choice.Model.Scale}"] = Seconds(choice.Model, sizes);
        }
    }

    private static double Seconds(SuperResolutionModel model, BenchSizes sizes)
    {
        int side = Math.Max(4, sizes.InferenceSize / model.Scale / 4 * 4); // divisible by 4 for RRDBNet's unshuffle
        var random = new Random(5);
        var planes = Enumerable.Range(0, model.Channels).Select(_ =>
        {
            var plane = new Plane(side, side);
            for (int i = 0; i < plane.Data.Length; i++) plane.Data[i] = (float)(255 * random.NextDouble());
            return plane;
        }).ToArray();
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
