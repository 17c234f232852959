using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace SuperRes.OnnxRuntime;

/// <summary>
/// Per-node times of an ONNX model run by ONNX Runtime: a session with
/// <see cref="SessionOptions.EnableProfiling"/> runs the model on one input (warm-up runs first),
/// and the JSON trace it writes (Chrome trace format, one "Node" event per kernel run, durations
/// in microseconds) is read back into milliseconds per run for each node.
/// </summary>
public static class OnnxRuntimeProfile
{
    /// <summary>One node of the graph: its name, operator type and mean milliseconds per run.</summary>
    public sealed record NodeTime(string Node, string OpType, double Milliseconds);

    public static IReadOnlyList<NodeTime> Measure(byte[] model, float[] input, int[] shape, int threads, int runs = 3, int warmUps = 2)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        var folder = Path.Combine(Path.GetTempPath(), "superres-ort-profile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string trace;
            using (var options = new SessionOptions
            {
                IntraOpNumThreads = Math.Max(1, threads),
                InterOpNumThreads = 1,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
                ProfileOutputPathPrefix = Path.Combine(folder, "ort"), // before EnableProfiling, which reads it
                EnableProfiling = true,
            })
            {
                using var session = new InferenceSession(model, options);
                var inputName = session.InputMetadata.Keys.First();
                for (int i = 0; i < warmUps + runs; i++) Run(session, inputName, input, shape);
                trace = session.EndProfiling();
            }
            trace = Path.GetFullPath(trace);
            try
            {
                return ParseTrace(File.ReadAllText(trace), runs);
            }
            finally
            {
                if (!trace.StartsWith(folder, StringComparison.Ordinal)) File.Delete(trace); // written elsewhere: not left behind
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Sums the "Node" events of a trace by node (the name less its "_kernel_time" suffix) over the
    /// last <paramref name="runs"/> "model_run" events (the earlier ones are warm-ups) and divides
    /// by <paramref name="runs"/>; nodes come in the order they first ran.
    /// </summary>
    public static IReadOnlyList<NodeTime> ParseTrace(string json, int runs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        using var doc = JsonDocument.Parse(json);
        var events = doc.RootElement.EnumerateArray().ToList();
        var modelRuns = events.Where(e => Text(e, "cat") == "Session" && Text(e, "name") == "model_run")
            .Select(e => (Start: e.GetProperty("ts").GetDouble(), End: e.GetProperty("ts").GetDouble() + e.GetProperty("dur").GetDouble()))
            .OrderBy(r => r.Start).ToList();
        if (modelRuns.Count < runs) throw new InvalidDataException($"the trace holds {modelRuns.Count} model runs, fewer than the {runs} asked for");
        var kept = modelRuns.Skip(modelRuns.Count - runs).ToList();
        var order = new List<string>();
        var totals = new Dictionary<string, (string Op, double Micros)>();
        foreach (var e in events)
        {
            if (Text(e, "cat") != "Node") continue;
            var name = Text(e, "name") ?? "";
            if (!name.EndsWith("_kernel_time", StringComparison.Ordinal)) continue; // fence_before/after events
            double ts = e.GetProperty("ts").GetDouble();
            if (!kept.Any(r => ts >= r.Start && ts <= r.End)) continue;
            name = name[..^"_kernel_time".Length];
            var op = e.TryGetProperty("args", out var args) && args.TryGetProperty("op_name", out var o) ? o.GetString() ?? "?" : "?";
            double dur = e.GetProperty("dur").GetDouble();
            if (totals.TryGetValue(name, out var t)) totals[name] = (t.Op, t.Micros + dur);
            else
            {
                order.Add(name);
                totals[name] = (op, dur);
            }
        }
        return order.Select(n => new NodeTime(n, totals[n].Op, totals[n].Micros / 1e3 / runs)).ToList();
    }

    private static string? Text(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static void Run(InferenceSession session, string inputName, float[] input, int[] shape)
    {
        var tensor = new DenseTensor<float>(input, shape);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, tensor)]);
    }
}
