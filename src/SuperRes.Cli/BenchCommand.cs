using System.CommandLine;
using System.Globalization;
using SuperRes.Cli.Bench;

namespace SuperRes.Cli;

/// <summary>
/// <c>superres bench [engine|lapsrn|all] [--json FILE] [--quick] [--no-torch] [--no-onnxruntime] [--threads N]</c>:
/// conv2d 3x3 64->64 forward/backward GFLOP/s, a LapSRN-x4-sized training step, LapSRN x4 on 256x256
/// and the built-in model's shape on 250x361 (and the same at widths 16 and 64); with PyTorch on the same shapes when
/// /usr/bin/python3 imports torch, and ONNX Runtime (same weights exported in memory) on the
/// LapSRN runs, every side on the same --threads; our/peer ratios; the CPU, its AVX-512, the
/// versions and the load average under the table and in the JSON.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var suite = new Argument<string>("suite") { Description = "engine, lapsrn, models (RRDBNet, SRVGGNetCompact, SPAN and any --model), upscale (a 1024x768 photo end to end against its network passes) or all.", DefaultValueFactory = _ => "all" };
        suite.AcceptOnlyFromAmong("engine", "lapsrn", "models", "upscale", "all");
        var json = new Option<string?>("--json") { Description = "Also write the figures to this JSON file." };
        var quick = new Option<bool>("--quick") { Description = "Tiny shapes: checks the code paths, measures nothing meaningful." };
        var noTorch = new Option<bool>("--no-torch") { Description = "Skip the PyTorch peer." };
        var noOrt = new Option<bool>("--no-onnxruntime") { Description = "Skip the ONNX Runtime peer." };
        var threads = Backend.CreateThreadsOption();
        var models = new Option<string[]>("--model", "-m") { Description = "Also time these model files (any --model of upscale) in the models suite." };
        var input = new Option<int?>("--input") { Description = "Side of the models suite's square input in pixels, a multiple of 4 (default: an x4 model's output is 256x256, so 64)." };
        input.Validators.Add(r =>
        {
            // RRDBNet x2 and x1 (a --model file) pixel-unshuffle their input by 2 or 4.
            if (r.GetValueOrDefault<int?>() is { } v && (v < 4 || v > 2048 || v % 4 != 0))
                r.AddError($"--input must be a multiple of 4 from 4 to 2048 pixels (RRDBNet x2 and x1 unshuffle their input), not {v}.");
        });

        var command = new Command("bench", "Measure the engine and LapSRN, against PyTorch when available and ONNX Runtime.")
        {
            suite, json, quick, noTorch, noOrt, threads, models, input,
        };
        command.SetAction(parseResult => CommandRunner.Run(parseResult, (output, error) =>
        {
            var which = parseResult.GetRequiredValue(suite);
            bool isQuick = parseResult.GetValue(quick);
            var sizes = isQuick ? BenchSizes.Quick : BenchSizes.Full;
            var extra = (parseResult.GetValue(models) ?? []).Select(m => ModelCatalog.Resolve(m)).ToList();
            int threadCount = parseResult.GetValue(threads);
            var torch = parseResult.GetValue(noTorch) || which is "models" or "upscale" ? null : FindTorch(error, threadCount);
            Tensors.Kernels.KernelWorkerPool.ThreadCount = threadCount;
            bool ort = !parseResult.GetValue(noOrt) && which != "upscale";
            if (ort && Backend.OnnxRuntimeVersion(out var why) is null)
            {
                error.WriteLine($"superres: note: {why}; ONNX Runtime peer skipped");
                ort = false;
            }
            var results = new BenchResults { Threads = threadCount };
            var stages = new BenchStages(error, (which is "engine" or "all" ? 2 : 0) + (which is "lapsrn" or "all" ? (1 + sizes.WidthShapes.Count) * (ort ? 2 : 1) : 0)
                + (which is "models" or "all" ? FamilyBench.StageCount(extra, ort) : 0) + (which is "upscale" or "all" ? 1 : 0));
            if (which is "engine" or "all")
            {
                stages.Next("conv2d");
                OurBench.Conv(sizes, results);
                if (torch is not null && !isQuick) torch.Conv(sizes, results); // conv_bench.py measures the full shapes only
                stages.Next("training step");
                results.TrainStepMs = OurBench.TrainStepMs(sizes);
                results.TorchTrainStepMs = torch?.TrainStepMs(sizes, results);
            }
            if (which is "lapsrn" or "all")
            {
                stages.Next("LapSRN x4 inference");
                results.LapSrnSeconds = OurBench.LapSrnSeconds(sizes);
                results.TorchLapSrnSeconds = torch?.LapSrnSeconds(sizes, results);
                var main = new LapSrnShape(sizes.Width, sizes.Depth, sizes.InferenceSize, sizes.InferenceSize);
                if (ort)
                {
                    stages.Next($"LapSRN x4 inference, ONNX Runtime {OnnxRuntimePeer.Version}");
                    results.OrtVersion = OnnxRuntimePeer.Version;
                    results.OrtThreads = threadCount;
                    results.OrtLapSrnSeconds = OrtSeconds(main, sizes, threadCount);
                }
                foreach (var shape in sizes.WidthShapes)
                {
                    stages.Next(shape == sizes.WidthShapes[0] ? $"{shape.Label} (the built-in model's shape)" : shape.Label);
                    double ours = OurBench.LapSrnSeconds(sizes, shape);
                    double? peer = null;
                    if (ort)
                    {
                        stages.Next($"{shape.Label}, ONNX Runtime");
                        peer = OrtSeconds(shape, sizes, threadCount);
                    }
                    results.WidthShapes.Add(new BenchResults.ShapeSeconds(shape, ours, peer));
                }
            }
            if (which is "models" or "all")
            {
                if (ort) results.OrtVersion = OnnxRuntimePeer.Version;
                FamilyBench.Run(sizes, results, extra, stages, error, ort ? threadCount : null, parseResult.GetValue(input));
            }
            if (which is "upscale" or "all")
            {
                stages.Next("upscale end to end against its network passes");
                results.UpscaleOverhead = UpscaleOverheadBench.Run(sizes, error);
            }
            stages.Done();
            Write(results, output, isQuick);
            var jsonPath = parseResult.GetValue(json);
            if (jsonPath is not null) OutputFile.WriteAllText(jsonPath, results.ToJson(isQuick ? "quick" : "full"));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static double OrtSeconds(LapSrnShape shape, BenchSizes sizes, int threads)
    {
        using var model = OurBench.LapSrnOf(shape);
        return OnnxRuntimePeer.Seconds(model, OurBench.PlaneOf(shape), threads, sizes.Repeats);
    }

    private static TorchPeer? FindTorch(TextWriter error, int threads)
    {
        var scripts = TorchPeer.FindScripts();
        if (scripts is null)
        {
            error.WriteLine("superres: note: bench/torch not found; PyTorch peer skipped");
            return null;
        }
        var peer = new TorchPeer(scripts, threads);
        var why = peer.Unavailable();
        if (why is null) return peer;
        error.WriteLine($"superres: note: {why}; PyTorch peer skipped");
        return null;
    }

    private static void Write(BenchResults results, TextWriter output, bool quick)
    {
        if (quick) output.WriteLine("(quick: tiny shapes, figures are not meaningful)");
        output.WriteLine($"{"measurement",-44} {"ours",12} {"PyTorch",12} {"ours/PyTorch",13} {"ONNX RT",12} {"ours/ONNX RT",13}");
        foreach (var (what, ours, torch, ort, unit, higherIsBetter) in results.Rows())
            output.WriteLine($"{what + " (" + unit + ")",-44} {F(ours),12} {F(torch),12} {Ratio(ours, torch, higherIsBetter),13} {F(ort),12} {Ratio(ours, ort, higherIsBetter),13}");
        output.WriteLine(results.Machine.Describe(results.Threads) +
            (results.TorchVersion is not null ? $"; PyTorch {results.TorchVersion}" : "") +
            (results.OrtVersion is not null ? $"; ONNX Runtime {results.OrtVersion}" : "") + ".");
    }

    private static string F(double? value) => value is { } v ? v.ToString("F2", CultureInfo.InvariantCulture) : "-";

    /// <summary>Reads "times the peer's speed" for rates and "of the peer's time" for times.</summary>
    private static string Ratio(double ours, double? peer, bool higherIsBetter) =>
        peer is { } p && p > 0 ? (ours / p).ToString("F2", CultureInfo.InvariantCulture) + (higherIsBetter ? "x speed" : "x time") : "-";
}
