using System.CommandLine;
using SuperRes.Evaluation;
using SuperRes.Imaging;
using SuperRes.Inference;
using SuperRes.Processing;

namespace SuperRes.Cli;

/// <summary>
/// <c>superres upscale IN -o OUT [--scale 4] [--model FILE|bicubic] [--tile N] [--ensemble]</c>:
/// upscales one image file. A network runs tile by tile (<see cref="Upscaler"/>); bicubic runs on
/// whole planes. Keeps the bit depth (16-bit stays 16-bit); alpha is upscaled bicubically. The
/// output appears whole or not at all.
/// </summary>
public static class UpscaleCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "Image to upscale." };
        var output = new Option<string>("--output", "-o") { Description = "Output file (.png, .bmp, .ppm/.pgm).", Required = true };
        var scale = new Option<int>("--scale", "-s") { Description = "Upscaling factor (a LapSRN model serves each of its levels).", DefaultValueFactory = _ => 4 };
        scale.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 2 or > 16) r.AddError("--scale must be between 2 and 16.");
        });
        var model = new Option<string?>("--model", "-m") { Description = "bicubic, a model file (.safetensors), published LapSRN weights (.mat) or community weights (.pth/.safetensors: RRDBNet, SRVGGNetCompact, SPAN); omitted: the built-in model." };
        var tile = new Option<int>("--tile") { Description = "Tile side in input pixels (0: chosen from a memory budget)." };
        tile.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0) r.AddError("--tile must not be negative.");
        });
        var ensemble = new Option<bool>("--ensemble") { Description = "Average the 8 flips and rotations (8x slower, slightly better)." };

        var command = new Command("upscale", "Upscale one image.") { input, output, scale, model, tile, ensemble };
        command.SetAction(parseResult => CommandRunner.Run(parseResult, (_, error) =>
        {
            var inPath = parseResult.GetRequiredValue(input);
            var outPath = parseResult.GetRequiredValue(output);
            int factor = parseResult.GetValue(scale);
            var format = ImageCodecs.FormatFromExtension(outPath);
            if (format is ImageFileFormat.Unknown or ImageFileFormat.Jpeg)
                throw new CliException(ExitCodes.Usage, $"{outPath}: cannot write this extension; use .png, .bmp, .ppm or .pgm");
            var choice = ModelCatalog.Resolve(parseResult.GetValue(model));
            choice.RequireScale(factor);
            if (!File.Exists(inPath)) throw new CliException(ExitCodes.BadInput, $"{inPath}: no such file");
            var outFolder = Path.GetDirectoryName(Path.GetFullPath(outPath))!;
            if (!Directory.Exists(outFolder)) throw new CliException(ExitCodes.OutputError, $"{outFolder}: output folder does not exist");

            NativeHeap.MapLargeBlocks(); // tile buffers come and go: keep freed ones from staying resident
            var image = ReadInput(inPath);
            choice.WriteNote(error);
            if (choice.Model is null)
            {
                WriteOutput(outPath, () => ImageCodecs.Write(Upscale(image, choice.CreateResolver(), factor), outPath));
                return ExitCodes.Success;
            }
            var progress = new TileProgressLine(error);
            var options = new UpscalerOptions
            {
                TileSize = parseResult.GetValue(tile),
                Ensemble = parseResult.GetValue(ensemble),
                Progress = progress.Report,
            };
            var upscaler = new Upscaler(choice.Model, factor, options);
            if ((long)image.Width * factor > int.MaxValue || (long)image.Height * factor > int.MaxValue)
                throw new CliException(ExitCodes.BadInput, $"{inPath}: a {image.Width}x{image.Height} image upscaled x{factor} is too large");
            if (format == ImageFileFormat.Png)
            {
                // PNG streams: one band of output at a time, so a 16000x12000 result never sits in memory whole.
                WriteOutput(outPath, () => ImageCodecs.WritePngInBands(outPath, image.Width * factor, image.Height * factor,
                    image.Channels, image.BitDepth, writeBand => upscaler.Upscale(image, writeBand)));
            }
            else
            {
                // BMP and PNM have no streaming writer (yet): they take the whole image.
                var result = upscaler.Upscale(image);
                WriteOutput(outPath, () => ImageCodecs.Write(result, outPath));
            }
            progress.Finish();
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Upscales colour with a whole-plane method and alpha bicubically, at the image's own bit depth.</summary>
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

    /// <summary>Runs a write that goes through a temporary file and a rename (<see cref="ImageCodecs"/> does that), turning I/O failures into exit code 4.</summary>
    private static void WriteOutput(string path, Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new CliException(ExitCodes.OutputError, $"{path}: cannot write ({e.Message})", e);
        }
    }
}
