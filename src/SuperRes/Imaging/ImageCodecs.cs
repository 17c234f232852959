using SuperRes.Imaging.Png;

namespace SuperRes.Imaging;

/// <summary>
/// Reads and writes images: PNG, JPEG (read only), BMP, binary PGM/PPM. Reading sniffs the format from
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
    public static Image Read(Stream stream, ImageReadOptions? options = null, string? name = null)
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
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                Write(image, stream, format);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
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
            default:
                throw new NotSupportedException($"Writing {format} is not supported.");
        }
    }

    private static void CheckWritable(ImageFileFormat format, string what)
    {
        if (format == ImageFileFormat.Jpeg)
            throw new NotSupportedException($"{what}: writing JPEG is not supported (lossy); write .png, .bmp or .ppm instead.");
        if (format == ImageFileFormat.Unknown)
            throw new NotSupportedException($"{what}: unknown image extension; use .png, .bmp, .ppm or .pgm.");
    }
}
