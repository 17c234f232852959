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
        command.SetAction(parseResult =>
        {
            try
            {
                var runs = parseResult.GetValue(logs)!.Select(path => (RunName(path), TrainingCurves.Read(path))).ToList();
                var path = parseResult.GetValue(output)!;
                File.WriteAllText(path, SvgPlot.Render(runs));
                Console.WriteLine($"Wrote {path}.");
                return 0;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }
        });
        return command;
    }

    // runs/NAME/log.jsonl is named NAME; any other file by its own name.
    private static string RunName(string path)
    {
        var full = Path.GetFullPath(path);
        return Path.GetFileName(full) == "log.jsonl" ? Path.GetFileName(Path.GetDirectoryName(full)) ?? full : Path.GetFileNameWithoutExtension(full);
    }
}
