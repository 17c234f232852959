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
    /// <summary>Reads an image file, whatever its supported format.</summary>
    public static Image Read(string path, ImageReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] data = File.ReadAllBytes(path);
        return Decode(data, Path.GetFileName(path), options ?? ImageReadOptions.Default);
    }

    /// <summary>Reads an image from a stream (read to its end); <paramref name="name"/> is used in error messages.</summary>
    public static Image Read(Stream stream, string? name = null, ImageReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Decode(buffer.ToArray(), name, options ?? ImageReadOptions.Default);
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
    public static void WritePngInBands(Stream stream, int width, int height, int channels, int bitDepth, Action<Action<Image>> writeBands)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(writeBands);
        using var writer = new PngRowWriter(stream, width, height, channels, bitDepth);
        writeBands(writer.WriteRows);
        writer.Finish();
    }

    /// <summary>Writes an image to a stream in the given format.</summary>
    public static void Write(Image image, Stream stream, ImageFileFormat format)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(stream);
        CheckWritable(format, format.ToString());
        switch (format)
        {
            case ImageFileFormat.Png:
                PngEncoder.Encode(image, stream);
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

    /// <summary>Writes through a temporary sibling file renamed over the target; the temporary file never outlives a failure.</summary>
    private static void WriteAtomically(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                write(stream);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static void CheckWritable(ImageFileFormat format, string what)
    {
        if (format == ImageFileFormat.Unknown)
            throw new NotSupportedException($"{what}: unknown image extension; use .png, .jpg, .bmp, .ppm or .pgm.");
    }
}
