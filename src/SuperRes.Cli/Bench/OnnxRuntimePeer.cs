using System.Diagnostics;
using SuperRes.Inference;
using SuperRes.Models;
using SuperRes.OnnxRuntime;
using SuperRes.Processing;

namespace SuperRes.Cli.Bench;

/// <summary>
/// The ONNX Runtime side of `superres bench`: the same LapSRN networks as <see cref="OurBench"/>
/// (same seeds, so the same weights), exported to ONNX in memory, run by ONNX Runtime on the same
/// thread count through the same <see cref="Upscaler"/> (one tile for the whole image). Two
/// warm-up runs, then the best of the repeats.
/// </summary>
public static class OnnxRuntimePeer
{
    private const int WarmUps = 2;

    public static string Version => OnnxRuntimeNetwork.Version;

    public static double Seconds(LapSrn model, Plane plane, int threads, int repeats) => Seconds(model, [plane], threads, repeats);

    /// <summary>Any model of ours (LapSRN, RRDBNet, SRVGGNetCompact, SPAN, ...) on its planes, one tile, at its own scale.</summary>
    public static double Seconds(SuperResolutionModel model, IReadOnlyList<Plane> planes, int threads, int repeats)
    {
        using var network = OnnxRuntimeNetwork.FromModel(model, "bench", threads);
        var upscaler = new Upscaler(network, model.Scale, new UpscalerOptions { TileSize = Math.Max(planes[0].Width, planes[0].Height), Overlap = 0 });
        for (int i = 0; i < WarmUps; i++) upscaler.UpscalePlanes(planes);
        double best = double.MaxValue;
        for (int r = 0; r < Math.Max(1, repeats); r++)
        {
            long start = Stopwatch.GetTimestamp();
            upscaler.UpscalePlanes(planes);
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        return best;
    }
}
