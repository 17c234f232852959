namespace SuperRes.Imaging;

/// <summary>Options for <see cref="ImageCodecs.Read(string, ImageReadOptions?)"/>.</summary>
public sealed class ImageReadOptions
{
    public static ImageReadOptions Default { get; } = new();

    /// <summary>Largest width*height accepted; checked before any pixel buffer is allocated.</summary>
    public long MaxPixels { get; init; } = 400_000_000;

    /// <summary>Rotate/flip JPEGs as their EXIF orientation tag says (default true).</summary>
    public bool ApplyExifOrientation { get; init; } = true;

    internal void CheckSize(long width, long height)
    {
        if (width <= 0 || height <= 0) throw new ImageFormatException($"invalid image size {width}x{height}");
        if (width * height > MaxPixels)
            throw new ImageFormatException($"image size {width}x{height} exceeds the limit of {MaxPixels} pixels");
    }
}
