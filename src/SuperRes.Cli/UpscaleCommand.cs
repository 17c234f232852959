using System.CommandLine;
using SuperRes.Evaluation;
using SuperRes.Imaging;
using SuperRes.Inference;
using SuperRes.Processing;

namespace SuperRes.Cli;

/// <summary>
/// <c>superres upscale IN... -o OUT</c>: upscales one image file into OUT, or files, folders
/// (recursive, the tree mirrored) and <c>@lists</c> into the folder OUT (<see cref="UpscaleBatch"/>).
/// A network runs tile by tile (loaded once for all files); PNG, BMP and PGM/PPM outputs are written in
/// bands as they are computed (bicubic too), JPEG and resized outputs whole, within <c>--max-memory</c>. Keeps the
/// bit depth; alpha by bicubic or the network (<c>--alpha</c>); any output size (<c>--outscale</c>,
/// <c>--width</c>, <c>--height</c>); every output appears whole or not at all.
/// </summary>
public static class UpscaleCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("input") { Description = "Image files, folders (recursive) or @list.txt (one path a line).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "Output file (.png, .jpg, .bmp, .ppm/.pgm), or the output folder for several inputs or a folder.", Required = true };
        var scale = new Option<string?>("--scale", "-s") { Description = "Network scale, 2 to 16 (default 4; a LapSRN model serves each of its levels)." };
        var outscale = new Option<string?>("--outscale") { Description = "Any output factor above 1 (e.g. 1.5, 3): the network's next scale up, then bicubic to the exact size." };
        var width = new Option<string?>("--width") { Description = "Output width in pixels (height kept in proportion unless --height)." };
        var height = new Option<string?>("--height") { Description = "Output height in pixels (width kept in proportion unless --width)." };
        var model = new Option<string?>("--model", "-m") { Description = "bicubic, a model file (.safetensors), published LapSRN weights (.mat), community weights (.pth/.safetensors: RRDBNet, SRVGGNetCompact, SPAN) or an ONNX model (.onnx); omitted: the built-in model." };
        var tile = new Option<string?>("--tile") { Description = "Tile side in input pixels (0: chosen from a memory budget)." };
        var ensemble = new Option<bool>("--ensemble") { Description = "Average the 8 flips and rotations (8x slower, slightly better)." };
        var alpha = new Option<string?>("--alpha") { Description = "Alpha plane: bicubic (default) or model (the network, colour premultiplied)." };
        var format = new Option<string?>("--format") { Description = "Output format in a folder: png (default), jpg, bmp, ppm, pgm." };
        var quality = new Option<string?>("--quality") { Description = "JPEG quality 1-100 (default 90)." };
        var chroma = new Option<string?>("--chroma") { Description = "JPEG chroma: 4:2:0 (default) or 4:4:4." };
        var pngLevel = new Option<string?>("--png-level") { Description = "PNG deflate: rle (default: zlib's run-length strategy, by our own encoder, the fastest; what OpenCV writes) or a zlib level 0-9 (6: libpng's default, 3-11% smaller, 4-5 times the time; 9 smallest)." };
        var skipExisting = new Option<bool>("--skip-existing") { Description = "Leave outputs that exist (resume a batch)." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Allow an output to replace its own input." };
        var shard = new Option<string?>("--shard") { Description = "I/N: only shard I of N of the sorted files (for job arrays)." };
        var maxMemory = new Option<string?>("--max-memory") { Description = "Most memory one image may take where it is not streamed (decoding; an output built whole: JPEG, resized or alpha-by-model), e.g. 8G (default: 1G to decode, 4G for the output)." };
        var summary = new Option<string?>("--summary") { Description = "Write each file's status, size, seconds and error to this JSON file." };
        var backend = Backend.CreateBackendOption();
        var threads = Backend.CreateThreadsOption();

        var command = new Command("upscale", "Upscale images: one file, or files and folders into a folder.")
        {
            inputs, output, scale, outscale, width, height, model, tile, ensemble, alpha, format, quality, chroma, pngLevel,
            skipExisting, overwrite, shard, summary, maxMemory, backend, threads,
        };
        command.SetAction(parseResult => CommandRunner.Run(parseResult, (stdout, error) =>
        {
            var scaleValue = UpscaleArguments.Integer(parseResult.GetValue(scale), "--scale", 2, 16);
            var outscaleValue = UpscaleArguments.Factor(parseResult.GetValue(outscale), "--outscale");
            var widthValue = UpscaleArguments.Integer(parseResult.GetValue(width), "--width", 1, 1 << 20);
            var heightValue = UpscaleArguments.Integer(parseResult.GetValue(height), "--height", 1, 1 << 20);
            int sizeOptions = (scaleValue is null ? 0 : 1) + (outscaleValue is null ? 0 : 1) + (widthValue is null && heightValue is null ? 0 : 1);
            if (sizeOptions > 1) throw new CliException(ExitCodes.Usage, "give one of --scale, --outscale or --width/--height");
            var tileValue = UpscaleArguments.Integer(parseResult.GetValue(tile), "--tile", 0, 1 << 16) ?? 0;
            var alphaValue = UpscaleArguments.Alpha(parseResult.GetValue(alpha));
            var qualityValue = UpscaleArguments.Integer(parseResult.GetValue(quality), "--quality", 1, 100) ?? 90;
            var subsample = UpscaleArguments.Subsample(parseResult.GetValue(chroma));
            var png = UpscaleArguments.PngLevel(parseResult.GetValue(pngLevel));
            var maxMemoryValue = UpscaleArguments.Bytes(parseResult.GetValue(maxMemory), "--max-memory");
            var formatText = parseResult.GetValue(format);
            var (extension, batchFormat) = UpscaleArguments.OutputFormat(formatText);
            var shardValue = parseResult.GetValue(shard) is { } s ? ShardSpec.Parse(s) : ShardSpec.All;
            var inPaths = parseResult.GetRequiredValue(inputs);
            var outPath = parseResult.GetRequiredValue(output);

            bool folderOutput = inPaths.Length > 1 || inPaths.Any(p => p.StartsWith('@') || Directory.Exists(p))
                || Directory.Exists(outPath) || outPath.EndsWith('/') || outPath.EndsWith(Path.DirectorySeparatorChar)
                || (!Path.HasExtension(outPath) && !File.Exists(outPath));
            ImageFileFormat fileFormat = ImageFileFormat.Unknown;
            if (!folderOutput)
            {
                fileFormat = ImageCodecs.FormatFromExtension(outPath);
                if (fileFormat == ImageFileFormat.Unknown)
                    throw new CliException(ExitCodes.Usage, $"{outPath}: cannot write this extension; use .png, .jpg, .bmp, .ppm or .pgm");
                if (formatText is not null && batchFormat != fileFormat)
                    throw new CliException(ExitCodes.Usage, $"{outPath}: the extension disagrees with --format {formatText}");
            }
            else if (BatchInputs.IsImageName(outPath) && !Directory.Exists(outPath))
            {
                throw new CliException(ExitCodes.Usage,
                    $"{outPath}: several inputs or a folder go into an output folder, not into one file (e.g. -o {Path.ChangeExtension(outPath, null)}/)");
            }
            var backendChoice = Backend.FromParse(parseResult, backend, threads);
            // The engine's kernels and the image code compile on a spare core while the model loads and
            // the image is read (docs/RESULTS.md, section 6).
            if (!backendChoice.IsOnnxRuntime && backendChoice.Threads > 1) Upscaler.PrepareInBackground();
            var choice = ModelCatalog.Resolve(parseResult.GetValue(model), backendChoice);
            if (choice.Network is not null && outscaleValue is null && widthValue is null && heightValue is null)
            {
                // No size asked for: x4, or the model's own largest scale when it cannot do x4 (a x2 model upscales by 2).
                scaleValue ??= choice.Supports(UpscaleSettings.DefaultScale) ? UpscaleSettings.DefaultScale : choice.Network.Scales.Max();
                choice.RequireScale(scaleValue.Value);
            }
            var settings = new UpscaleSettings
            {
                Choice = choice,
                Scale = scaleValue,
                OutScale = outscaleValue,
                Width = widthValue,
                Height = heightValue,
                Alpha = alphaValue,
                TileSize = tileValue,
                Ensemble = parseResult.GetValue(ensemble),
                Quality = qualityValue,
                Subsample = subsample,
                Png = png,
                Overwrite = parseResult.GetValue(overwrite),
                SkipExisting = parseResult.GetValue(skipExisting),
                Format = batchFormat,
                MaxMemory = maxMemoryValue,
            };
            var batch = new UpscaleBatch(settings, stdout, error);
            return folderOutput
                ? batch.RunFolder(inPaths, outPath, extension, shardValue, parseResult.GetValue(summary))
                : batch.RunFile(inPaths[0], outPath, fileFormat);
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
}
