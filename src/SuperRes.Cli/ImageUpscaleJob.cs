using SuperRes.Evaluation;
using SuperRes.Imaging;
using SuperRes.Imaging.Jpeg;
using SuperRes.Inference;
using SuperRes.Processing;

namespace SuperRes.Cli;

/// <summary>
/// Upscales one file for <c>superres upscale</c>: reads it (EXIF orientation applied), plans the
/// size (<see cref="OutputSizePlan"/>), runs the network (loaded once, shared by every file) or
/// bicubic, and writes the result atomically (<see cref="OutputFile"/>) with the input's ICC
/// profile. PNG, BMP and PGM/PPM outputs are written in bands as they are computed, by bicubic or by
/// a network at its own scale with bicubic alpha; the other paths (JPEG output, a resize after the
/// network, alpha by the network) build the output whole, and are refused before any work when their
/// estimated memory passes <c>--max-memory</c>.
/// </summary>
public sealed class ImageUpscaleJob(UpscaleSettings settings, TileProgressLine progress)
{
    private readonly Dictionary<int, Upscaler> _upscalers = new();
    private ISuperResolver? _resolver;

    /// <summary>Time in the network's forward passes of the banded PNG path so far (for <c>superres bench upscale</c>).</summary>
    public TimeSpan NetworkTime => _upscalers.Values.Aggregate(TimeSpan.Zero, (sum, u) => sum + u.NetworkTime);

    private UpscalerOptions Options => new()
    {
        TileSize = settings.TileSize,
        Ensemble = settings.Ensemble,
        Progress = progress.Report,
    };

    /// <summary>Upscales <paramref name="input"/> into <paramref name="output"/> (format <paramref name="format"/>); returns the output size.</summary>
    public (int Width, int Height) Run(string input, string output, ImageFileFormat format)
    {
        var readOptions = settings.MaxMemory is { } max ? new ImageReadOptions { MaxBytes = max } : ImageReadOptions.Default;
        byte[]? icc = null;
        // From the file's bytes, before its pixels are decoded: the ICC profile, and the size, for the
        // memory of the first pass (a size over the decoder's limit is left for the decoder to refuse).
        var image = ReadInput(input, readOptions, file =>
        {
            if (format is ImageFileFormat.Png or ImageFileFormat.Jpeg) icc = TryReadIcc(file);
            if (ImageCodecs.PeekSize(file) is { } size && (long)size.Width * size.Height <= readOptions.MaxPixels)
                PrepareMemory(input, format, size.Width, size.Height);
        });
        if (format == ImageFileFormat.Pnm && image.ColorChannels == 3 && Path.GetExtension(output).Equals(".pgm", StringComparison.OrdinalIgnoreCase))
            throw new CliException(ExitCodes.Usage, $"{output}: PGM holds gray images and {input} is in colour; write .ppm or .png");
        if (format == ImageFileFormat.Pnm && image.HasAlpha)
            throw new CliException(ExitCodes.Usage, $"{output}: PGM/PPM cannot store the alpha channel of {input}; write .png");
        var plan = OutputSizePlan.Create(settings, image.Width, image.Height, input);
        if (settings.Choice.Network is not null) settings.Choice.RequireScale(plan.ModelScale);

        if (ImageCodecs.CanWriteInBands(format))
        {
            CheckBmpSize(format, plan, image.Channels, output);
            Stream Target(Stream stream) => format == ImageFileFormat.Png ? WithIcc(stream, icc) : stream;
            if (settings.Choice.Network is null)
            {
                OutputFile.Write(output, stream => ImageCodecs.WriteInBands(Target(stream), format, plan.Width, plan.Height,
                    image.Channels, image.BitDepth, writeBand => BandedImageResize.Resize(image, plan.Width, plan.Height, writeBand), settings.Png));
                return (plan.Width, plan.Height);
            }
            if (!plan.NeedsResize(image.Width, image.Height) && settings.Alpha == AlphaMode.Bicubic)
            {
                var upscaler = UpscalerFor(plan.ModelScale);
                OutputFile.Write(output, stream => ImageCodecs.WriteInBands(Target(stream), format, plan.Width, plan.Height,
                    image.Channels, image.BitDepth, writeBand => upscaler.Upscale(image, writeBand), settings.Png));
                return (plan.Width, plan.Height);
            }
        }

        CheckWholeSize(plan, image, format, input);
        var result = ImagePlanes.Merge(UpscalePlanes(image, plan), image.BitDepth);
        OutputFile.Write(output, stream =>
        {
            if (format == ImageFileFormat.Jpeg)
                JpegEncoder.Encode(result, stream, new JpegEncoderOptions { Quality = settings.Quality, Subsample = settings.Subsample, IccProfile = icc });
            else if (format == ImageFileFormat.Png)
                ImageCodecs.Write(result, WithIcc(stream, icc), format, settings.Png);
            else
                ImageCodecs.Write(result, stream, format);
        });
        return (plan.Width, plan.Height);
    }

    /// <summary>
    /// When the network will upscale the input in bands at its own scale, has the memory of the first
    /// pass made ready while the input is decoded (its header stated <paramref name="width"/> x <paramref name="height"/>).
    /// </summary>
    private void PrepareMemory(string input, ImageFileFormat format, int width, int height)
    {
        if (settings.Choice.Network is null || !ImageCodecs.CanWriteInBands(format) || settings.Alpha != AlphaMode.Bicubic) return;
        OutputSizePlan plan;
        try
        {
            plan = OutputSizePlan.Create(settings, width, height, input);
        }
        catch (CliException)
        {
            return; // the read and the real plan report it, with the oriented size
        }
        if (plan.NeedsResize(width, height) || !settings.Choice.Supports(plan.ModelScale)) return;
        UpscalerFor(plan.ModelScale).PrepareMemoryFor(width, height);
    }

    /// <summary>The whole image as planes in [0, 255]: colour (and alpha) upscaled, then resized to the exact size.</summary>
    private Plane[] UpscalePlanes(Image image, OutputSizePlan plan)
    {
        var planes = ImagePlanes.Split(image);
        var color = planes[..image.ColorChannels];
        Plane? alpha = image.HasAlpha ? planes[^1] : null;
        if (settings.Choice.Network is null)
            return planes.Select(p => Imresize.ResizeTo(p, plan.Width, plan.Height)).ToArray();

        var resolver = _resolver ??= settings.Choice.CreateResolver(Options);
        Plane[] result;
        if (alpha is not null && settings.Alpha == AlphaMode.Model)
        {
            var premultiplied = color.Select(c => Multiply(c, alpha)).ToArray();
            var upColor = ColorUpscaler.Upscale(resolver, premultiplied, plan.ModelScale);
            var upAlpha = UpscaleGray(resolver, alpha, plan.ModelScale);
            result = [.. upColor.Select(c => Unpremultiply(c, upAlpha)), upAlpha];
        }
        else
        {
            var upColor = ColorUpscaler.Upscale(resolver, color, plan.ModelScale);
            result = alpha is null ? upColor : [.. upColor, Imresize.Resize(alpha, plan.ModelScale)];
        }
        return plan.NeedsResize(image.Width, image.Height)
            ? result.Select(p => Imresize.ResizeTo(p, plan.Width, plan.Height)).ToArray()
            : result;
    }

    /// <summary>One gray plane through the network; an RGB network gets it as three equal planes and the mean comes back.</summary>
    private static Plane UpscaleGray(ISuperResolver resolver, Plane gray, int scale)
    {
        if (resolver.Input != SuperResolverInput.Color) return ColorUpscaler.Upscale(resolver, [gray], scale)[0];
        var rgb = ColorUpscaler.Upscale(resolver, [gray, gray, gray], scale);
        var mean = new Plane(rgb[0].Width, rgb[0].Height);
        for (int i = 0; i < mean.Data.Length; i++) mean.Data[i] = (rgb[0].Data[i] + rgb[1].Data[i] + rgb[2].Data[i]) / 3;
        return mean;
    }

    private static Plane Multiply(Plane color, Plane alpha)
    {
        var result = new Plane(color.Width, color.Height);
        for (int i = 0; i < result.Data.Length; i++) result.Data[i] = color.Data[i] * alpha.Data[i] / 255f;
        return result;
    }

    /// <summary>Colour divided by alpha where alpha is above half a level; fully transparent pixels keep the (near-zero) premultiplied value.</summary>
    private static Plane Unpremultiply(Plane color, Plane alpha)
    {
        var result = new Plane(color.Width, color.Height);
        for (int i = 0; i < result.Data.Length; i++)
        {
            float a = alpha.Data[i];
            result.Data[i] = a > 0.5f ? Math.Clamp(color.Data[i] * 255f / Math.Min(a, 255f), 0f, 255f) : Math.Max(color.Data[i], 0f);
        }
        return result;
    }

    private Upscaler UpscalerFor(int scale)
    {
        if (!_upscalers.TryGetValue(scale, out var upscaler))
            _upscalers[scale] = upscaler = new Upscaler(settings.Choice.Network!, scale, Options);
        return upscaler;
    }

    /// <summary>
    /// Memory an output built whole takes, estimated per output sample: float planes of the network's
    /// output and of the resize (4 bytes each, the resize's double passes 16 more), the samples, and
    /// for JPEG the encoder's float planes (4 more).
    /// </summary>
    public static long WholeOutputBytes(long width, long height, int channels, int bitDepth, ImageFileFormat format, bool resized) =>
        width * height * channels * (4 + (resized ? 20 : 0) + bitDepth / 8 + (format == ImageFileFormat.Jpeg ? 4 : 0));

    private void CheckWholeSize(OutputSizePlan plan, Image image, ImageFileFormat format, string input)
    {
        // Float planes of the whole output (plus the samples): refuse what cannot be an array rather than fail midway.
        if ((long)plan.Width * plan.Height * image.Channels > Array.MaxLength / 2)
            throw new CliException(ExitCodes.BadInput,
                $"{input}: a {plan.Width}x{plan.Height} output is too large for this path; write .png, .bmp or .ppm (streamed in bands)");
        long limit = settings.MaxMemory ?? UpscaleSettings.DefaultMaxWholeOutputBytes;
        bool resized = settings.Choice.Network is null || plan.NeedsResize(image.Width, image.Height);
        long need = image.SampleBytes + WholeOutputBytes(plan.Width, plan.Height, image.Channels, image.BitDepth, format, resized);
        if (need > limit)
            throw new CliException(ExitCodes.BadInput,
                $"{input}: a {plan.Width}x{plan.Height} {format.ToString().ToUpperInvariant()} output built whole would need about {need / 1e6:0} MB, over the --max-memory limit of {limit / 1e6:0} MB; write .png, .bmp or .ppm (streamed in bands) or raise --max-memory");
    }

    private static void CheckBmpSize(ImageFileFormat format, OutputSizePlan plan, int channels, string output)
    {
        long stride = ((long)plan.Width * (channels switch { 1 => 8, 3 => 24, _ => 32 }) + 31) / 32 * 4;
        if (format == ImageFileFormat.Bmp && 14 + 108 + 1024 + stride * plan.Height > int.MaxValue)
            throw new CliException(ExitCodes.Usage, $"{output}: a {plan.Width}x{plan.Height} image is too large for BMP (over 2 GB); write .png");
    }

    private static Stream WithIcc(Stream stream, byte[]? icc) => icc is null ? stream : IccProfile.InsertIntoPng(stream, icc);

    /// <summary>The input's embedded profile, or null; one that cannot be read is left out, as the decoder does not need it.</summary>
    private static byte[]? TryReadIcc(byte[] file)
    {
        try
        {
            return IccProfile.Read(file);
        }
        catch (Exception e) when (e is ImageFormatException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Reads an input image, naming a folder or an unreadable file plainly.</summary>
    public static Image ReadInput(string path, ImageReadOptions? options = null, Action<byte[]>? fileRead = null)
    {
        if (Directory.Exists(path)) throw new CliException(ExitCodes.BadInput, $"{path}: is a folder, not an image file");
        if (!File.Exists(path)) throw new CliException(ExitCodes.BadInput, $"{path}: no such file");
        try
        {
            return fileRead is null ? ImageCodecs.Read(path, options) : ImageCodecs.Read(path, options, fileRead);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.BadInput, $"{path}: cannot read ({e.Message})", e);
        }
    }
}
