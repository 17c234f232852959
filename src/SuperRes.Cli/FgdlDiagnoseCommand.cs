using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SuperRes.Models.Fgdl;
using SuperRes.Evaluation;
using SuperRes.Imaging;
using SuperRes.Losses;

namespace SuperRes.Cli;

/// <summary>
/// <c>superres fgdl-diagnose MODEL --data DIR... [--scale 4]</c>: splits an FGDL network's output
/// into its readouts (<see cref="FgdlReadoutDiagnostics"/>) per dataset, to show whether the
/// classifier, the areas or the regression limits it.
/// </summary>
public static class FgdlDiagnoseCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "A model file trained with FGDL heads (.safetensors)." };
        var data = new Option<string[]>("--data", "-d")
        {
            Description = "Dataset folders of ground-truth images.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var scale = new Option<int>("--scale", "-s") { Description = "The level to diagnose (2, 4, 8).", DefaultValueFactory = _ => 4 };
        var command = new Command("fgdl-diagnose", "Split an FGDL network's output into its readouts: heads, area centre, argmax centre, oracle areas, best inside the area.")
        {
            model, data, scale,
        };
        command.SetAction(parseResult => CommandRunner.Run(parseResult, (output, error) =>
        {
            var path = parseResult.GetRequiredValue(model);
            var choice = ModelCatalog.Resolve(path);
            var faithful = choice.Model as FgdlFaithfulNetwork;
            var network = choice.Model as FgdlNetwork;
            if (faithful is null && network is null)
                throw new CliException(ExitCodes.BadInput, $"{path}: not a network trained with FGDL heads (its file has no 'fgdl' metadata)");
            int s = parseResult.GetValue(scale);
            var diagnoses = new List<FgdlDiagnosis>();
            foreach (var folder in parseResult.GetRequiredValue(data))
            {
                if (!Directory.Exists(folder)) throw new CliException(ExitCodes.BadInput, $"{folder}: no such folder");
                var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
                var images = Evaluator.ImageFiles(folder).Select(f => (Path.GetFileName(f), ImageCodecs.Read(f))).ToList();
                try
                {
                    var progress = new SynchronousProgress(done => error.WriteLine($"[{name} x{s}] {done}/{images.Count}"));
                    diagnoses.Add(faithful is not null
                        ? FgdlFaithfulDiagnostics.Diagnose(faithful, name, images, s, progress)
                        : FgdlReadoutDiagnostics.Diagnose(network!, name, images, s, progress));
                }
                catch (ArgumentException e)
                {
                    throw new CliException(ExitCodes.Usage, $"{path}: {e.Message}", e);
                }
            }
            Write(diagnoses, faithful?.FgdlOptions ?? network!.FgdlOptions,
                faithful is not null ? FgdlFaithfulDiagnostics.Readouts : FgdlReadoutDiagnostics.Readouts, output);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static void Write(IReadOnlyList<FgdlDiagnosis> diagnoses, FgdlOptions options, IReadOnlyList<string> readouts, TextWriter output)
    {
        var console = PlainConsole.Create(output, 160);
        var table = new Table().AddColumn("readout");
        foreach (var d in diagnoses) table.AddColumn(new TableColumn($"{Markup.Escape(d.Dataset)} x{d.Scale} PSNR / SSIM").RightAligned());
        foreach (var readout in readouts)
            table.AddRow([Markup.Escape(readout), .. diagnoses.Select(d => d.Readouts.First(r => r.Name == readout)).Select(r => $"{PlainConsole.Cell(r.Psnr, "F2")} / {PlainConsole.Cell(r.Ssim, "F4")}")]);
        table.AddRow(["area hit rate (|b - b*| <= r)", .. diagnoses.Select(d => PlainConsole.Cell(d.AreaHitRate, "P1"))]);
        table.AddRow(["top-1 bin accuracy (b = b*)", .. diagnoses.Select(d => PlainConsole.Cell(d.Top1Accuracy, "P1"))]);
        table.AddRow(["mean radius r", .. diagnoses.Select(d => PlainConsole.Cell(d.MeanRadius, "F3"))]);
        console.WriteLine($"FGDL {options.Tag}: K = {options.Bins} bins, variant {options.Variant}");
        console.Write(table);
        console.WriteLine("Y, scale pixels shaved, 8-bit rounding; each image runs whole (no tiles).");
    }
}
