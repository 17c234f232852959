using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SuperRes.Models;
using SuperRes.Onnx;
using SuperRes.OnnxRuntime;
using SuperRes.Tensors;

/// <summary>
/// The peers' side of <c>--layers</c>: PyTorch's per-layer inference times under our row names and
/// its training step by operator (bench/torch/lapsrn_layers.py), and ONNX Runtime's per-node times
/// of the same LapSRN x4 exported to ONNX (its profiler's JSON trace, read by
/// <see cref="OnnxRuntimeProfile"/>). Every side on the same thread count.
/// </summary>
internal static class LayerPeers
{
    /// <summary>PyTorch's rows (name, ms) and its training-step operators, or null with the reason printed.</summary>
    public static (Dictionary<string, double> Infer, double TrainMs, List<(string Op, double Ms, int Calls)> TrainOps, string Version)? Torch(
        int size, int width, int depth, int threads, int batch, int patch)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "torch", "lapsrn_layers.py");
        if (!File.Exists("/usr/bin/python3"))
        {
            Console.WriteLine("  (PyTorch peer skipped: /usr/bin/python3 not found)");
            return null;
        }
        var start = new ProcessStartInfo("/usr/bin/python3", [script, .. new[] { size, width, depth, threads, batch, patch }.Select(n => n.ToString(CultureInfo.InvariantCulture))])
            { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["OMP_NUM_THREADS"] = $"{threads}";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Console.WriteLine($"  (PyTorch peer skipped: {stderr.Trim().Split('\n').LastOrDefault()})");
            return null;
        }
        using var doc = JsonDocument.Parse(stdout.Result);
        var root = doc.RootElement;
        if (root.GetProperty("threads").GetInt32() != threads) throw new InvalidOperationException($"PyTorch ran on {root.GetProperty("threads").GetInt32()} threads, not {threads}");
        var infer = root.GetProperty("infer_layers").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("ms").GetDouble());
        var ops = root.GetProperty("train_ops").EnumerateArray()
            .Select(o => (o.GetProperty("name").GetString()!, o.GetProperty("self_ms").GetDouble(), o.GetProperty("calls").GetInt32())).ToList();
        return (infer, root.GetProperty("train_step_profiled_ms").GetDouble(), ops, root.GetProperty("torch").GetString()!);
    }

    /// <summary>ONNX Runtime's per-node times for LapSRN x4 (our seeded weights, exported in memory) on a size x size input.</summary>
    public static IReadOnlyList<OnnxRuntimeProfile.NodeTime> OnnxRuntime(int size, int width, int depth, int threads)
    {
        using var model = new LapSrn(new LapSrnOptions { Scale = 4, Width = width, Depth = depth }, new Rng(2));
        var bytes = OnnxExporter.Export(model, "bench --layers");
        var random = new Random(3);
        var input = new float[size * size];
        for (int i = 0; i < input.Length; i++) input[i] = (float)random.NextDouble();
        return OnnxRuntimeProfile.Measure(bytes, input, [1, 1, size, size], threads);
    }
}
