using SuperRes.Imaging.Bmp;
using SuperRes.Imaging.Jpeg;
using SuperRes.Imaging.Png;
using SuperRes.Imaging.Pnm;

namespace SuperRes.Imaging;

/// <summary>
/// Reads and writes images: PNG, JPEG (written baseline at quality 90, 4:2:0), BMP, binary PGM/PPM. Reading sniffs the format from
/// the file signature; writing picks it from the extension. All decoding problems surface as
/// <see cref="ImageFormatException"/> naming the file.
/// </summary>
public static class ImageCodecs
{
    /// <summary>Bytes read before anything else, enough for every signature <see cref="DetectFormat"/> knows.</summary>
    private const int SignatureBytes = 32;

    /// <summary>
    /// Reads an image file, whatever its supported format. The format is checked from the first bytes
    /// before the rest is read, and a file larger than <see cref="ImageReadOptions.MaxBytes"/> is refused
    /// unread, so a large non-image (or <c>/dev/zero</c>) fails at once.
    /// </summary>
    public static Image Read(string path, ImageReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream, Path.GetFileName(path), options);
    }

    /// <summary>
    /// Reads an image from a stream (to its end, at most <see cref="ImageReadOptions.MaxBytes"/>); the
    /// signature is checked first. <paramref name="name"/> is used in error messages.
    /// </summary>
    public static Image Read(Stream stream, string? name = null, ImageReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= ImageReadOptions.Default;
        byte[] data = ReadBounded(stream, name, options.MaxBytes);
        return Decode(data, name, options);
    }

    /// <summary>Reads the signature, refuses unknown formats, then reads the rest up to <paramref name="limit"/> bytes.</summary>
    private static byte[] ReadBounded(Stream stream, string? name, long limit)
    {
        var head = new byte[SignatureBytes];
        int got = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (got == 0) throw new ImageFormatException(name, "empty file");
        if (DetectFormat(head.AsSpan(0, got)) == ImageFileFormat.Unknown)
            throw new ImageFormatException(name, "unknown image format (unrecognised signature)");
        long known = -1;
        try
        {
            if (stream.CanSeek) known = stream.Length - stream.Position + got;
        }
        catch (NotSupportedException)
        {
        }
        if (known > limit)
            throw new ImageFormatException(name, $"file of {known} bytes exceeds the memory limit of {limit} bytes");
        var buffer = new MemoryStream(known > 0 && known <= int.MaxValue ? (int)known : SignatureBytes);
        buffer.Write(head, 0, got);
        var chunk = new byte[1 << 16];
        int n;
        while ((n = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + n > limit)
                throw new ImageFormatException(name, $"file exceeds the memory limit of {limit} bytes");
            buffer.Write(chunk, 0, n);
        }
        return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
    }

    /// <summary>
    /// The size a PNG's or JPEG's header states (a JPEG's before its EXIF orientation), without decoding:
    /// null for other formats and for headers that do not say it plainly. Nothing is checked beyond that.
    /// </summary>
    public static (int Width, int Height)? PeekSize(ReadOnlySpan<byte> file) => PngDecoder.TryReadSize(file) ?? JpegDecoder.TryReadSize(file);

    /// <summary>
    /// <see cref="Read(string, ImageReadOptions?)"/>, handing the file's bytes to <paramref name="fileRead"/>
    /// once they are in memory and before they are decoded: what the header says (<see cref="PeekSize"/>,
    /// <see cref="IccProfile.Read(ReadOnlySpan{byte})"/>) is known then, and work for the image can start
    /// meanwhile. The file is opened and read once, so a pipe works as with the other overload.
    /// </summary>
    public static Image Read(string path, ImageReadOptions? options, Action<byte[]> fileRead)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(fileRead);
        options ??= ImageReadOptions.Default;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        string name = Path.GetFileName(path);
        byte[] data = ReadBounded(stream, name, options.MaxBytes);
        fileRead(data);
        return Decode(data, name, options);
    }

    /// <summary>Decodes an in-memory file.</summary>
    public static Image Decode(byte[] data, string? name = null, ImageReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= ImageReadOptions.Default;
        try
        {
            return DetectFormat(data) switch
            {
                ImageFileFormat.Png => PngDecoder.Decode(data, options),
                ImageFileFormat.Pnm => PnmCodec.Decode(data, options),
                ImageFileFormat.Jpeg => JpegDecoder.Decode(data, options),
                ImageFileFormat.Bmp => BmpDecoder.Decode(data, options),
                _ => throw new ImageFormatException("unknown image format (unrecognised signature)"),
            };
        }
        catch (ImageFormatException e) when (e.FileName is null && name is not null)
        {
            throw new ImageFormatException(name, e.Problem, e);
        }
    }

    /// <summary>Identifies a format from the first bytes of a file.</summary>
    public static ImageFileFormat DetectFormat(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith(PngDecoder.Signature)) return ImageFileFormat.Png;
        if (PnmCodec.IsPnm(header)) return ImageFileFormat.Pnm;
        if (JpegDecoder.IsJpeg(header)) return ImageFileFormat.Jpeg;
        if (BmpDecoder.IsBmp(header)) return ImageFileFormat.Bmp;
        return ImageFileFormat.Unknown;
    }

    /// <summary>The format <see cref="Write(Image, string)"/> uses for a path, from its extension.</summary>
    public static ImageFileFormat FormatFromExtension(string path) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".png" => ImageFileFormat.Png,
            ".jpg" or ".jpeg" or ".jpe" or ".jfif" => ImageFileFormat.Jpeg,
            ".bmp" or ".dib" => ImageFileFormat.Bmp,
            ".ppm" or ".pgm" or ".pnm" => ImageFileFormat.Pnm,
            _ => ImageFileFormat.Unknown,
        };

    /// <summary>
    /// Writes an image, format chosen by extension (.png, .bmp, .ppm/.pgm/.pnm). The file is written to
    /// a temporary file in the same folder and then renamed over the target, so readers never see half a file.
    /// </summary>
    public static void Write(Image image, string path)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(path);
        var format = FormatFromExtension(path);
        CheckWritable(format, path);
        WriteAtomically(path, stream => Write(image, stream, format));
    }

    /// <summary>
    /// Writes a PNG whose rows arrive in bands, so the whole image is never in memory:
    /// <paramref name="writeBands"/> gets a sink and hands it full-width bands, top to bottom, until
    /// all <paramref name="height"/> rows are in (bands may be reused after the sink returns). Written
    /// through a temporary file and a rename like <see cref="Write(Image, string)"/>: if
    /// <paramref name="writeBands"/> throws or stops short, no file appears.
    /// </summary>
    public static void WritePngInBands(string path, int width, int height, int channels, int bitDepth, Action<Action<Image>> writeBands)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(writeBands);
        if (FormatFromExtension(path) != ImageFileFormat.Png)
            throw new NotSupportedException($"{path}: banded writing makes PNG files; use the .png extension.");
        WriteAtomically(path, stream => WritePngInBands(stream, width, height, channels, bitDepth, writeBands));
    }

    /// <summary>Writes a PNG to a stream from bands, as <see cref="WritePngInBands(string, int, int, int, int, Action{Action{Image}})"/> does.</summary>
    public static void WritePngInBands(Stream stream, int width, int height, int channels, int bitDepth, Action<Action<Image>> writeBands) =>
        WriteInBands(stream, ImageFileFormat.Png, width, height, channels, bitDepth, writeBands);

    /// <summary>Whether <see cref="WriteInBands"/> can write <paramref name="format"/> (PNG, BMP, PGM/PPM; not JPEG).</summary>
    public static bool CanWriteInBands(ImageFileFormat format) => format is ImageFileFormat.Png or ImageFileFormat.Bmp or ImageFileFormat.Pnm;

    /// <summary>
    /// Writes an image of <paramref name="format"/> (PNG, BMP or PGM/PPM) whose rows arrive in bands, as
    /// <see cref="WritePngInBands(Stream, int, int, int, int, Action{Action{Image}})"/> does for PNG: the
    /// header first, then each band's rows as they come (a BMP is written top-down). Throws
    /// <see cref="InvalidOperationException"/> when the bands do not add up to <paramref name="height"/> rows.
    /// <paramref name="png"/> says how a PNG is deflated (null: <see cref="PngCompression.Default"/>).
    /// </summary>
    public static void WriteInBands(Stream stream, ImageFileFormat format, int width, int height, int channels, int bitDepth, Action<Action<Image>> writeBands,
        PngCompression? png = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(writeBands);
        if (format == ImageFileFormat.Png)
        {
            using var writer = new PngRowWriter(stream, width, height, channels, bitDepth, png);
            writeBands(writer.WriteRows);
            writer.Finish();
            return;
        }
        if (!CanWriteInBands(format)) throw new NotSupportedException($"{format} cannot be written in bands; write PNG, BMP or PGM/PPM.");
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"Image size {width}x{height} must be positive.");
        if (format == ImageFileFormat.Bmp) BmpEncoder.WriteHeader(stream, width, height, channels, topDown: true);
        else PnmCodec.WriteHeader(stream, width, height, channels, bitDepth);
        int rows = 0;
        writeBands(band =>
        {
            ArgumentNullException.ThrowIfNull(band);
            if ((band.Width, band.Channels, band.BitDepth) != (width, channels, bitDepth))
                throw new ArgumentException($"A {band.Width}-wide band of {band.Channels} channel(s) at {band.BitDepth} bits does not fit a {width}-wide image of {channels} at {bitDepth}.", nameof(band));
            if (band.Height > height - rows) throw new InvalidOperationException($"A band of {band.Height} rows overruns the image: {rows} of {height} are written.");
            if (format == ImageFileFormat.Bmp) BmpEncoder.WriteRows(band, stream);
            else PnmCodec.WriteRows(band, stream);
            rows += band.Height;
        });
        if (rows != height) throw new InvalidOperationException($"Only {rows} of {height} rows were written.");
        stream.Flush();
    }

    /// <summary>Writes an image to a stream in the given format; <paramref name="png"/> says how a PNG is deflated (null: <see cref="PngCompression.Default"/>).</summary>
    public static void Write(Image image, Stream stream, ImageFileFormat format, PngCompression? png = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(stream);
        CheckWritable(format, format.ToString());
        switch (format)
        {
            case ImageFileFormat.Png:
                PngEncoder.Encode(image, stream, png);
                break;
            case ImageFileFormat.Bmp:
                BmpEncoder.Encode(image, stream);
                break;
            case ImageFileFormat.Pnm:
                PnmCodec.Encode(image, stream);
                break;
            case ImageFileFormat.Jpeg:
                JpegEncoder.Encode(image, stream);
                break;
            default:
                throw new NotSupportedException($"Writing {format} is not supported.");
        }
    }

    /// <summary>Writes durably and atomically (<see cref="Tensors.IO.DurableFile"/>): the temporary file never outlives a failure.</summary>
    private static void WriteAtomically(string path, Action<Stream> write) => Tensors.IO.DurableFile.Write(path, write);

    private static void CheckWritable(ImageFileFormat format, string what)
    {
        if (format == ImageFileFormat.Unknown)
            throw new NotSupportedException($"{what}: unknown image extension; use .png, .jpg, .bmp, .ppm or .pgm.");
    }
}
