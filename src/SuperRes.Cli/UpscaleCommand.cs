using System.CommandLine;
using SuperRes.Evaluation;
using SuperRes.Imaging;
using SuperRes.Processing;

namespace SuperRes.Cli;

/// <summary>
/// <c>superres upscale IN -o OUT --scale S [--model bicubic]</c>: upscales one image file. Keeps the
/// bit depth (16-bit stays 16-bit); alpha is upscaled bicubically. The output appears whole or not at all.
/// </summary>
public static class UpscaleCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "Image to upscale." };
        var output = new Option<string>("--output", "-o") { Description = "Output file (.png, .bmp, .ppm/.pgm).", Required = true };
        var scale = new Option<int>("--scale", "-s") { Description = "Upscaling factor.", DefaultValueFactory = _ => 4 };
        scale.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 2 or > 16) r.AddError("--scale must be between 2 and 16.");
        });
        var model = new Option<string>("--model", "-m") { Description = "Model to use.", DefaultValueFactory = _ => "bicubic" };

        var command = new Command("upscale", "Upscale one image.") { input, output, scale, model };
        command.SetAction(parseResult => CommandRunner.Run(parseResult, (_, _) =>
        {
            var resolver = ModelCatalog.Create(parseResult.GetRequiredValue(model));
            var inPath = parseResult.GetRequiredValue(input);
            var outPath = parseResult.GetRequiredValue(output);
            var format = ImageCodecs.FormatFromExtension(outPath);
            if (format is ImageFileFormat.Unknown or ImageFileFormat.Jpeg)
                throw new CliException(ExitCodes.Usage, $"{outPath}: cannot write this extension; use .png, .bmp, .ppm or .pgm");
            if (!File.Exists(inPath)) throw new CliException(ExitCodes.BadInput, $"{inPath}: no such file");
            var outFolder = Path.GetDirectoryName(Path.GetFullPath(outPath))!;
            if (!Directory.Exists(outFolder)) throw new CliException(ExitCodes.OutputError, $"{outFolder}: output folder does not exist");

            var image = ReadInput(inPath);
            var result = Upscale(image, resolver, parseResult.GetValue(scale));
            WriteOutput(result, outPath);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Upscales colour with the model and alpha bicubically, at the image's own bit depth.</summary>
    public static Image Upscale(Image image, ISuperResolver resolver, int scale)
    {
        var planes = ImagePlanes.Split(image);
        var color = ColorUpscaler.Upscale(resolver, planes.Take(image.ColorChannels).ToArray(), scale);
        var all = image.HasAlpha ? [.. color, Imresize.Resize(planes[^1], scale)] : color;
        return ImagePlanes.Merge(all, image.BitDepth);
    }

    private static Image ReadInput(string path)
    {
        try
        {
            return ImageCodecs.Read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.BadInput, $"{path}: cannot read ({e.Message})", e);
        }
    }

    private static void WriteOutput(Image image, string path)
    {
        try
        {
            ImageCodecs.Write(image, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new CliException(ExitCodes.OutputError, $"{path}: cannot write ({e.Message})", e);
        }
    }
}
