using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SuperRes.Tensors.Kernels;

namespace SuperRes.Cli.Bench;

/// <summary>
/// Measurements of one `superres bench` run, ours and (where PyTorch ran) the peer's, under the
/// JSON keys conv_fwd_gflops and conv_bwd_gflops (objects keyed by shape), train_step_ms,
/// lapsrn_x4_256_seconds, the built-in model's shape and its width variants (lapsrn_w32d5_x4_250x361_seconds, w16, w64), torch_ + the
/// same names for PyTorch, and ort_version, ort_lapsrn_x4_256_seconds and ort_ + the width shapes' keys
/// for ONNX Runtime; and what the figures depend on: threads (every side runs on this many:
/// torch_threads and ort_threads repeat what each peer ran with), cpu_model, avx512 (yes/no, the
/// CPU), dotnet_avx512 (whether .NET uses it), logical_cores, dotnet_version, load_average.
/// </summary>
public sealed class BenchResults
{
    public Dictionary<string, double> ConvForwardGflops { get; } = new();
    public Dictionary<string, double> ConvBackwardGflops { get; } = new();
    public double? TrainStepMs { get; set; }
    public double? LapSrnSeconds { get; set; }
    public int Threads { get; set; } = Environment.ProcessorCount;
    public MachineInfo Machine { get; set; } = MachineInfo.Current();
    public int? TorchThreads { get; set; }
    public int? OrtThreads { get; set; }

    /// <summary>The built-in model's shape and its width variants, when measured: ours and ONNX Runtime's seconds (keys: <see cref="LapSrnShape.Key"/>, and ort_ + it).</summary>
    public List<ShapeSeconds> WidthShapes { get; } = [];

    public sealed record ShapeSeconds(LapSrnShape Shape, double Ours, double? Ort);

    public string? OrtVersion { get; set; }
    public double? OrtLapSrnSeconds { get; set; }

    /// <summary>The `upscale` suite: end-to-end and network seconds (keys upscale_e2e_seconds, upscale_network_seconds, upscale_overhead_ratio).</summary>
    public UpscaleOverheadBench.Result? UpscaleOverhead { get; set; }

    /// <summary>Seconds per image of the `models` suite (key: model and scale), under model_seconds.</summary>
    public Dictionary<string, double> ModelSeconds { get; } = new();

    /// <summary>ONNX Runtime's seconds on the same models, weights and threads (key: as <see cref="ModelSeconds"/>), under ort_model_seconds.</summary>
    public Dictionary<string, double> OrtModelSeconds { get; } = new();

    public Dictionary<string, double> TorchConvForwardGflops { get; } = new();
    public Dictionary<string, double> TorchConvBackwardGflops { get; } = new();
    public double? TorchTrainStepMs { get; set; }
    public double? TorchLapSrnSeconds { get; set; }
    public string? TorchVersion { get; set; }
    public string? TorchNote { get; set; }

    public string ToJson(string sizes)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("sizes", sizes);
            json.WriteNumber("threads", Threads);
            json.WriteString("cpu_model", Machine.CpuModel);
            json.WriteString("avx512", Machine.CpuHasAvx512 ? "yes" : "no");
            json.WriteString("dotnet_avx512", Machine.DotnetUsesAvx512 ? "yes" : "no");
            json.WriteNumber("logical_cores", Machine.LogicalCores);
            json.WriteString("dotnet_version", Machine.DotnetVersion);
            if (Machine.LoadAverage is { } load) json.WriteNumber("load_average", load);
            Shapes(json, "conv_fwd_gflops", ConvForwardGflops);
            Shapes(json, "conv_bwd_gflops", ConvBackwardGflops);
            Number(json, "train_step_ms", TrainStepMs);
            Number(json, "lapsrn_x4_256_seconds", LapSrnSeconds);
            foreach (var w in WidthShapes) Number(json, w.Shape.Key, w.Ours);
            Shapes(json, "model_seconds", ModelSeconds);
            Shapes(json, "ort_model_seconds", OrtModelSeconds);
            if (UpscaleOverhead is { } u)
            {
                json.WriteString("upscale_label", u.Label);
                Number(json, "upscale_e2e_seconds", u.EndToEndSeconds);
                Number(json, "upscale_network_seconds", u.NetworkSeconds);
                Number(json, "upscale_network_in_run_seconds", u.InRunNetworkSeconds);
                Number(json, "upscale_overhead_ratio", u.Ratio);
            }
            if (TorchVersion is not null) json.WriteString("torch_version", TorchVersion);
            if (TorchThreads is { } tt) json.WriteNumber("torch_threads", tt);
            Shapes(json, "torch_conv_fwd_gflops", TorchConvForwardGflops);
            Shapes(json, "torch_conv_bwd_gflops", TorchConvBackwardGflops);
            Number(json, "torch_train_step_ms", TorchTrainStepMs);
            Number(json, "torch_lapsrn_x4_256_seconds", TorchLapSrnSeconds);
            if (OrtVersion is not null) json.WriteString("ort_version", OrtVersion);
            if (OrtThreads is { } ot) json.WriteNumber("ort_threads", ot);
            Number(json, "ort_lapsrn_x4_256_seconds", OrtLapSrnSeconds);
            foreach (var w in WidthShapes) Number(json, "ort_" + w.Shape.Key, w.Ort);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Lines of "what: ours, PyTorch, ONNX Runtime" for people.</summary>
    public IEnumerable<(string What, double Ours, double? Torch, double? Ort, string Unit, bool HigherIsBetter)> Rows()
    {
        foreach (var (shape, v) in ConvForwardGflops)
            yield return ($"conv fwd {shape}", v, Get(TorchConvForwardGflops, shape), null, "GFLOP/s", true);
        foreach (var (shape, v) in ConvBackwardGflops)
            yield return ($"conv bwd {shape}", v, Get(TorchConvBackwardGflops, shape), null, "GFLOP/s", true);
        if (TrainStepMs is { } t) yield return ("LapSRN-x4-sized train step", t, TorchTrainStepMs, null, "ms", false);
        if (LapSrnSeconds is { } s) yield return ("LapSRN x4 inference", s, TorchLapSrnSeconds, OrtLapSrnSeconds, "s", false);
        foreach (var w in WidthShapes) yield return (w.Shape.Label, w.Ours, null, w.Ort, "s", false);
        foreach (var (model, v) in ModelSeconds) yield return ($"{model} inference", v, null, Get(OrtModelSeconds, model), "s", false);
        if (UpscaleOverhead is { } u)
        {
            yield return (u.Label, u.EndToEndSeconds, null, null, "s", false);
            yield return ("  its network forward passes, alone", u.NetworkSeconds, null, null, "s", false);
            yield return ("  the same, inside the upscale", u.InRunNetworkSeconds, null, null, "s", false);
            yield return ("  end to end / network alone, median pair", u.Ratio, null, null, "x", false);
        }
    }

    private static double? Get(Dictionary<string, double> map, string key) => map.TryGetValue(key, out var v) ? v : null;

    private static void Shapes(Utf8JsonWriter json, string name, Dictionary<string, double> values)
    {
        if (values.Count == 0) return;
        json.WriteStartObject(name);
        foreach (var (shape, v) in values) json.WriteNumber(shape, Math.Round(v, 3));
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v) json.WriteNumber(name, Math.Round(v, 4));
    }
}
