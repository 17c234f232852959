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

    public static double Seconds(LapSrn model, Plane plane, int threads, int repeats)
    {
        using var network = OnnxRuntimeNetwork.FromModel(model, "bench", threads);
        var upscaler = new Upscaler(network, 4, new UpscalerOptions { TileSize = Math.Max(plane.Width, plane.Height), Overlap = 0 });
        for (int i = 0; i < WarmUps; i++) upscaler.UpscalePlanes([plane]);
        double best = double.MaxValue;
        for (int r = 0; r < Math.Max(1, repeats); r++)
        {
            long start = Stopwatch.GetTimestamp();
            upscaler.UpscalePlanes([plane]);
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        return best;
    }
}
