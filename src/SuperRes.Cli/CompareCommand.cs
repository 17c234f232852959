using System.CommandLine;
using System.Globalization;
using SuperRes.Evaluation;
using SuperRes.Imaging;

namespace SuperRes.Cli;

/// <summary>
/// <c>superres compare IMAGE --model A --model B ... --region X,Y,W,H [--scale 4] [--zoom 2] -o OUT.png</c>:
/// the same region of a benchmark image as each method restores it from the protocol's LR, then the
/// ground truth, side by side; prints each crop's PSNR/SSIM.
/// </summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("image") { Description = "Ground-truth image (the LR input is made from it by the benchmark protocol)." };
        var models = new Option<string[]>("--model", "-m")
        {
            Description = "Methods, left to right: bicubic or model files (.safetensors, .mat, .onnx; a file named model.safetensors is labelled by its folder).",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var region = new Option<string>("--region", "-r") { Description = "X,Y,W,H of the crop in ground-truth pixels.", Required = true };
        var scale = new Option<int>("--scale", "-s") { Description = "Upscaling factor.", DefaultValueFactory = _ => 4 };
        var zoom = new Option<int>("--zoom", "-z") { Description = "Enlarge each crop this many times (pixel replication).", DefaultValueFactory = _ => 2 };
        var output = new Option<string>("--output", "-o") { Description = "PNG to write.", Required = true };
        var backend = Backend.CreateBackendOption();
        var threads = Backend.CreateThreadsOption();
        var command = new Command("compare", "Crops of one image by several methods and the ground truth, side by side.") { input, models, region, scale, zoom, output, backend, threads };
        command.SetAction(parseResult => CommandRunner.Run(parseResult, (stdout, error) =>
        {
            var inPath = parseResult.GetRequiredValue(input);
            var outPath = parseResult.GetRequiredValue(output);
            int factor = parseResult.GetValue(scale), enlarge = parseResult.GetValue(zoom);
            if (factor is < 2 or > 16) throw new CliException(ExitCodes.Usage, "--scale must be between 2 and 16.");
            if (enlarge is < 1 or > 16) throw new CliException(ExitCodes.Usage, "--zoom must be between 1 and 16.");
            if (ImageCodecs.FormatFromExtension(outPath) != ImageFileFormat.Png)
                throw new CliException(ExitCodes.Usage, $"{outPath}: compare writes PNG; use a .png name");
            var box = ParseRegion(parseResult.GetRequiredValue(region));
            var runner = Backend.FromParse(parseResult, backend, threads);
            var choices = parseResult.GetRequiredValue(models).Select(m =>
            {
                var choice = ModelCatalog.Resolve(m, runner);
                choice.RequireScale(factor);
                return choice with { Name = Label(m, choice.Name) };
            }).ToArray();
            if (!File.Exists(inPath)) throw new CliException(ExitCodes.BadInput, $"{inPath}: no such file");
            var image = ImageCodecs.Read(inPath);
            IReadOnlyList<ComparisonStrip.Panel> panels;
            try
            {
                panels = ComparisonStrip.Panels(image, factor, choices.Select(c => c.CreateResolver()).ToArray(), box);
            }
            catch (ArgumentException e)
            {
                throw new CliException(ExitCodes.Usage, $"{inPath}: {e.Message}", e);
            }
            try
            {
                ImageCodecs.Write(ComparisonStrip.Compose(panels, enlarge), outPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException(ExitCodes.OutputError, $"{outPath}: cannot write ({e.Message})", e);
            }
            stdout.WriteLine($"{outPath}: {Path.GetFileName(inPath)} x{factor}, region {box.Width}x{box.Height} at ({box.X}, {box.Y}), left to right:");
            foreach (var p in panels)
                stdout.WriteLine(double.IsPositiveInfinity(p.Psnr)
                    ? $"  {p.Name}"
                    : string.Create(CultureInfo.InvariantCulture, $"  {p.Name,-40} PSNR {p.Psnr,7:F2} dB  SSIM {p.Ssim:F4}"));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static (int X, int Y, int Width, int Height) ParseRegion(string text)
    {
        var parts = text.Split(',');
        var values = new int[4];
        if (parts.Length != 4 || parts.Where((p, i) => !int.TryParse(p.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i])).Any())
            throw new CliException(ExitCodes.Usage, $"--region '{text}': expected X,Y,W,H (four integers)");
        return (values[0], values[1], values[2], values[3]);
    }

    /// <summary>The run folder names a trainer's model.safetensors; other files their own name.</summary>
    private static string Label(string argument, string name) =>
        string.Equals(Path.GetFileName(argument), "model.safetensors", StringComparison.OrdinalIgnoreCase)
            ? Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(argument))) ?? name
            : name;
}
