using System.CommandLine;
using SuperRes.Evaluation;
using SuperRes.Imaging;

namespace SuperRes.Cli;

/// <summary>
/// <c>superres evaluate [--model FILE|bicubic] --data DIR [DIR...] --scale 4 [--scale 2] [--lr float|uint8] [--json FILE] [--save DIR] [--backend engine|onnxruntime] [--threads N]</c>:
/// runs the benchmark protocol on every dataset folder at every scale and prints a table, with a
/// pooled row per scale over all the folders. <c>--paired A.json B.json</c> compares two saved runs
/// image by image; <c>--spread A.json B.json ...</c> gives the spread of several seeds.
/// </summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model", "-m") { Description = "bicubic, a model file (.safetensors), published LapSRN weights (.mat), community weights (.pth/.safetensors: RRDBNet, SRVGGNetCompact, SPAN) or an ONNX model (.onnx); omitted: the built-in model." };
        var data = new Option<string[]>("--data", "-d")
        {
            Description = "Dataset folders of ground-truth images.",
            AllowMultipleArgumentsPerToken = true,
        };
        var scale = new Option<int[]>("--scale", "-s")
        {
            Description = "Upscaling factors (repeat for several).",
            DefaultValueFactory = _ => [4],
            AllowMultipleArgumentsPerToken = true,
        };
        scale.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int[]>().Any(s => s is < 2 or > 16)) r.AddError("--scale must be between 2 and 16.");
        });
        var lr = new Option<string>("--lr") { Description = "Keep the LR image in float (as LapSRN) or round it to 8 bits.", DefaultValueFactory = _ => "float" };
        lr.AcceptOnlyFromAmong("float", "uint8");
        var json = new Option<string?>("--json") { Description = "Also write the results to this JSON file." };
        var backend = Backend.CreateBackendOption();
        var threads = Backend.CreateThreadsOption();
        var save = new Option<string?>("--save") { Description = "Write the upscaled images under DIR/<dataset>/x<scale>/." };
        var paired = new Option<string[]>("--paired")
        {
            Description = "Compare two saved runs (evaluate --json files A B) image by image: mean difference, win rate, sign test.",
            AllowMultipleArgumentsPerToken = true,
        };
        var spread = new Option<string[]>("--spread")
        {
            Description = "The spread (mean, std, range) of two or more saved runs of one setting, e.g. seeds.",
            AllowMultipleArgumentsPerToken = true,
        };

        var command = new Command("evaluate", "Evaluate a model with the benchmark protocol (PSNR/SSIM/HFEN on Y, shaved).")
        {
            model, data, scale, lr, json, save, backend, threads, paired, spread,
        };
        command.Validators.Add(r =>
        {
            int modes = new[] { r.GetValue(data)?.Length > 0, r.GetValue(paired)?.Length > 0, r.GetValue(spread)?.Length > 0 }.Count(m => m);
            if (modes != 1) r.AddError("give exactly one of --data DIR..., --paired A.json B.json or --spread A.json B.json ...");
            if (r.GetValue(paired) is { Length: > 0 and not 2 }) r.AddError("--paired takes two result files (evaluate --json).");
            if (r.GetValue(spread) is { Length: 1 }) r.AddError("--spread takes two or more result files (evaluate --json).");
        });
        command.SetAction(parseResult => CommandRunner.Run(parseResult, (output, error) =>
        {
            if (parseResult.GetValue(paired) is { Length: 2 } pair)
            {
                RunStatisticsReport.WritePaired(pair[0], EvaluationJson.Read(pair[0]), pair[1], EvaluationJson.Read(pair[1]), output);
                return ExitCodes.Success;
            }
            if (parseResult.GetValue(spread) is { Length: > 1 } runs)
            {
                RunStatisticsReport.WriteSpread(runs, runs.Select(EvaluationJson.Read).ToList(), output);
                return ExitCodes.Success;
            }
            var choice = ModelCatalog.Resolve(parseResult.GetValue(model), Backend.FromParse(parseResult, backend, threads));
            var scales = parseResult.GetRequiredValue(scale).Distinct().ToArray();
            foreach (var s in scales) choice.RequireScale(s);
            var resolver = choice.CreateResolver();
            var precision = parseResult.GetValue(lr) == "uint8" ? LrPrecision.Uint8 : LrPrecision.Float;
            var folders = parseResult.GetValue(data) ?? [];
            foreach (var folder in folders)
                if (!Directory.Exists(folder)) throw new CliException(ExitCodes.BadInput, $"{folder}: no such folder");
            choice.WriteNote(error);
            var results = Run(resolver, folders, scales, precision,
                parseResult.GetValue(save), error);

            var pooled = PooledResults.Pool(results);
            EvaluationReport.WriteTable([.. results, .. pooled], output);
            var jsonPath = parseResult.GetValue(json);
            if (jsonPath is not null) OutputFile.WriteAllText(jsonPath, EvaluationReport.ToJson(results, pooled));
            return results.Any(r => r.Failures.Count > 0) ? ExitCodes.SomeImagesFailed : ExitCodes.Success;
        }));
        return command;
    }

    private static List<DatasetResult> Run(ISuperResolver resolver, string[] folders, int[] scales, LrPrecision precision, string? saveRoot, TextWriter error)
    {
        var evaluator = new Evaluator(resolver);
        var progress = new ProgressLine(error);
        var results = new List<DatasetResult>();
        foreach (var folder in folders)
            foreach (var scale in scales)
            {
                Action<string, Image>? save = null;
                if (saveRoot is not null)
                {
                    var dir = Path.Combine(saveRoot, Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder))), $"x{scale}");
                    CreateFolder(dir);
                    save = (name, image) => ImageCodecs.Write(image, Path.Combine(dir, Path.ChangeExtension(name, ".png")));
                }
                var result = evaluator.EvaluateFolder(folder, new BenchmarkProtocol(scale, precision), progress, save);
                progress.Finish();
                results.Add(result);
            }
        return results;
    }

    private static void CreateFolder(string dir)
    {
        try
        {
            Directory.CreateDirectory(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.OutputError, $"{dir}: cannot create folder ({e.Message})", e);
        }
    }

    /// <summary>Progress on stderr (the one <see cref="Reporting.ProgressLine"/>): one rewritten line on a terminal, a line per image otherwise; failures always on their own line.</summary>
    private sealed class ProgressLine(TextWriter error) : IProgress<EvaluationProgress>
    {
        private readonly Reporting.ProgressLine _line = new(error, Reporting.ProgressLine.ModeFor(error, Reporting.ProgressMode.EveryReport));
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

        public void Report(EvaluationProgress p)
        {
            if (p.Failure is not null) _line.Note($"superres: warning: {p.Failure.Message} (skipped)");
            var score = p.Score is null ? "" : $" {p.Score.Psnr.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)} dB";
            _line.Report($"[{p.Dataset} x{p.Scale}]", "image", p.Done, p.Total, _clock.Elapsed, p.File + score);
        }

        public void Finish()
        {
            _line.Finish();
            _line.Restart();
            _clock.Restart();
        }
    }
}
