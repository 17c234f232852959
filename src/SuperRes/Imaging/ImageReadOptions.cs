namespace SuperRes.Imaging;

/// <summary>
/// Options for <see cref="ImageCodecs.Read(string, ImageReadOptions?)"/>: the limits a decoder enforces
/// before it allocates, and how JPEG orientation is handled. Whatever the limits, a decoder never
/// allocates more than a small multiple of what the file's bytes can deliver (docs/HARDENING.md).
/// </summary>
public sealed class ImageReadOptions
{
    /// <summary>The defaults: 400 megapixels, 1 GiB of decoder memory, 100 JPEG scans.</summary>
    public static ImageReadOptions Default { get; } = new();

    /// <summary>Largest width*height accepted; checked before any pixel buffer is allocated.</summary>
    public long MaxPixels { get; init; } = 400_000_000;

    /// <summary>
    /// Largest memory, in bytes, one decode may hold: the decoded samples (one byte each at 8 bits, two at 16) plus the
    /// decoder's working buffers (compressed data, JPEG coefficients and planes). Checked before
    /// allocating; the file itself (read into memory first) counts too. Default 1 GiB.
    /// </summary>
    public long MaxBytes { get; init; } = 1L << 30;

    /// <summary>
    /// Most scans a JPEG may hold. A progressive scan can revisit every block of the frame with a few
    /// bytes (end-of-band runs), so the cap bounds the work per file; libjpeg-turbo caps scans the same
    /// way. Default 100 (encoders write about 10).
    /// </summary>
    public int MaxJpegScans { get; init; } = 100;

    /// <summary>Rotate/flip JPEGs (APP1) and PNGs (eXIf) as their EXIF orientation tag says (default true).</summary>
    public bool ApplyExifOrientation { get; init; } = true;

    internal void CheckSize(long width, long height)
    {
        if (width <= 0 || height <= 0) throw new ImageFormatException($"invalid image size {width}x{height}");
        if (width * height > MaxPixels)
            throw new ImageFormatException($"image size {width}x{height} exceeds the limit of {MaxPixels} pixels");
    }

    /// <summary>Refuses a decode that would hold more than <see cref="MaxBytes"/>; <paramref name="what"/> says what needs them.</summary>
    internal void CheckMemory(long bytes, string what)
    {
        if (bytes < 0 || bytes > MaxBytes)
            throw new ImageFormatException($"{what} would need {Megabytes(bytes)}, over the memory limit of {Megabytes(MaxBytes)}");
    }

    /// <summary>The memory the samples of a <paramref name="width"/>x<paramref name="height"/> image take: one byte a sample at 8 bits, two at 16.</summary>
    internal static long SampleBytes(long width, long height, int channels, int bitDepth) => width * height * channels * (bitDepth > 8 ? 2 : 1);

    private static string Megabytes(long bytes) => bytes < 0 ? "an overflowing size" : $"{bytes / 1e6:0.#} MB";
}
