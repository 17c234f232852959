using System.CommandLine;
using SuperRes.Training.Plots;

namespace SuperRes.Cli;

/// <summary><c>superres plot LOG.jsonl [LOG2.jsonl ...] -o curves.svg</c>: loss and validation-PSNR curves.</summary>
public static class PlotCommand
{
    public static Command Create()
    {
        var logs = new Argument<string[]>("logs") { Description = "JSONL training logs (several are overlaid).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "SVG file to write.", DefaultValueFactory = _ => "curves.svg" };
        var command = new Command("plot", "Draw training-loss and validation-PSNR curves of training logs as SVG.");
        command.Arguments.Add(logs);
        command.Options.Add(output);
        command.SetAction(parseResult => CommandRunner.Run(parseResult, (stdout, _) =>
        {
            var runs = new List<(string, TrainingCurves)>();
            foreach (var log in parseResult.GetValue(logs)!)
            {
                if (Directory.Exists(log)) throw new CliException(ExitCodes.BadInput, $"{log}: is a folder, not a training log (runs/NAME/log.jsonl)");
                if (!File.Exists(log)) throw new CliException(ExitCodes.BadInput, $"{log}: no such file");
                try
                {
                    runs.Add((RunName(log), TrainingCurves.Read(log)));
                }
                catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or System.Text.Json.JsonException)
                {
                    throw new CliException(ExitCodes.BadInput, $"{log}: not a training log ({e.Message})", e);
                }
            }
            var path = parseResult.GetValue(output)!;
            OutputFile.WriteAllText(path, SvgPlot.Render(runs));
            stdout.WriteLine($"Wrote {path}.");
            return ExitCodes.Success;
        }));
        return command;
    }

    // runs/NAME/log.jsonl is named NAME; any other file by its own name.
    private static string RunName(string path)
    {
        var full = Path.GetFullPath(path);
        return Path.GetFileName(full) == "log.jsonl" ? Path.GetFileName(Path.GetDirectoryName(full)) ?? full : Path.GetFileNameWithoutExtension(full);
    }
}
