using System.CommandLine;
using System.Globalization;
using SuperRes.Cli.Bench;

namespace SuperRes.Cli;

/// <summary>
/// <c>superres bench [engine|lapsrn|all] [--json FILE] [--quick] [--no-torch]</c>: conv2d 3x3 64->64
/// forward/backward GFLOP/s, a LapSRN-x4-sized training step, LapSRN x4 on 256x256; with PyTorch
/// (2 threads) on the same shapes when /usr/bin/python3 imports torch, and our/PyTorch ratios.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var suite = new Argument<string>("suite") { Description = "engine, lapsrn, models (RRDBNet, SRVGGNetCompact, SPAN and any --model) or all.", DefaultValueFactory = _ => "all" };
        suite.AcceptOnlyFromAmong("engine", "lapsrn", "models", "all");
        var json = new Option<string?>("--json") { Description = "Also write the figures to this JSON file." };
        var quick = new Option<bool>("--quick") { Description = "Tiny shapes: checks the code paths, measures nothing meaningful." };
        var noTorch = new Option<bool>("--no-torch") { Description = "Skip the PyTorch peer." };
        var models = new Option<string[]>("--model", "-m") { Description = "Also time these model files (any --model of upscale) in the models suite." };

        var command = new Command("bench", "Measure the engine and LapSRN, against PyTorch when available.") { suite, json, quick, noTorch, models };
        command.SetAction(parseResult => CommandRunner.Run(parseResult, (output, error) =>
        {
            var which = parseResult.GetRequiredValue(suite);
            bool isQuick = parseResult.GetValue(quick);
            var sizes = isQuick ? BenchSizes.Quick : BenchSizes.Full;
            var extra = (parseResult.GetValue(models) ?? []).Select(ModelCatalog.Resolve).ToList();
            var torch = parseResult.GetValue(noTorch) || which == "models" ? null : FindTorch(error);
            var results = new BenchResults();
            if (which is "engine" or "all")
            {
                error.WriteLine("bench: conv2d ...");
                OurBench.Conv(sizes, results);
                if (torch is not null && !isQuick) torch.Conv(sizes, results); // conv_bench.py measures the full shapes only
                error.WriteLine("bench: training step ...");
                results.TrainStepMs = OurBench.TrainStepMs(sizes);
                results.TorchTrainStepMs = torch?.TrainStepMs(sizes);
            }
            if (which is "lapsrn" or "all")
            {
                error.WriteLine("bench: LapSRN x4 inference ...");
                results.LapSrnSeconds = OurBench.LapSrnSeconds(sizes);
                results.TorchLapSrnSeconds = torch?.LapSrnSeconds(sizes);
            }
            if (which is "models" or "all") FamilyBench.Run(sizes, results, extra, error);
            Write(results, output, isQuick);
            var jsonPath = parseResult.GetValue(json);
            if (jsonPath is not null) AtomicFile.WriteAllText(jsonPath, results.ToJson(isQuick ? "quick" : "full"));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static TorchPeer? FindTorch(TextWriter error)
    {
        var scripts = TorchPeer.FindScripts();
        if (scripts is null)
        {
            error.WriteLine("superres: note: bench/torch not found; PyTorch peer skipped");
            return null;
        }
        var peer = new TorchPeer(scripts);
        var why = peer.Unavailable();
        if (why is null) return peer;
        error.WriteLine($"superres: note: {why}; PyTorch peer skipped");
        return null;
    }

    private static void Write(BenchResults results, TextWriter output, bool quick)
    {
        if (quick) output.WriteLine("(quick: tiny shapes, figures are not meaningful)");
        output.WriteLine($"{"measurement",-44} {"ours",12} {"PyTorch",12} {"ours/PyTorch",13}");
        foreach (var (what, ours, torch, unit, higherIsBetter) in results.Rows())
        {
            var peer = torch is { } t ? t.ToString("F2", CultureInfo.InvariantCulture) : "-";
            // The ratio reads "times the PyTorch speed" for rates and "of PyTorch's time" for times.
            var ratio = torch is { } p && p > 0 ? (ours / p).ToString("F2", CultureInfo.InvariantCulture) + (higherIsBetter ? "x speed" : "x time") : "-";
            output.WriteLine($"{what + " (" + unit + ")",-44} {ours.ToString("F2", CultureInfo.InvariantCulture),12} {peer,12} {ratio,13}");
        }
    }
}
