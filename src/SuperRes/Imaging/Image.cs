namespace SuperRes.Imaging;

/// <summary>
/// A decoded raster image: interleaved samples, row-major, top row first.
/// Samples are stored as <see cref="ushort"/> whatever the bit depth, so 8- and 16-bit images share
/// one code path; values lie in [0, <see cref="MaxValue"/>].
/// </summary>
public sealed class Image
{
    /// <summary>Creates an image with zeroed samples.</summary>
    public Image(int width, int height, int channels, int bitDepth)
        : this(width, height, channels, bitDepth, new ushort[checked(width * height * channels)])
    {
    }

    /// <summary>Wraps existing interleaved samples (not copied).</summary>
    public Image(int width, int height, int channels, int bitDepth, ushort[] samples)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"Image size {width}x{height} must be positive.");
        if (channels is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(channels), "Channels must be 1 (gray), 2 (gray+alpha), 3 (RGB) or 4 (RGBA).");
        if (bitDepth is not (8 or 16)) throw new ArgumentOutOfRangeException(nameof(bitDepth), "Bit depth must be 8 or 16.");
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Length != (long)width * height * channels)
            throw new ArgumentException($"Expected {(long)width * height * channels} samples, got {samples.Length}.", nameof(samples));
        Width = width;
        Height = height;
        Channels = channels;
        BitDepth = bitDepth;
        Samples = samples;
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>1 gray, 2 gray+alpha, 3 RGB, 4 RGBA.</summary>
    public int Channels { get; }

    /// <summary>8 or 16.</summary>
    public int BitDepth { get; }

    /// <summary>Interleaved samples, <c>(y * Width + x) * Channels + c</c>.</summary>
    public ushort[] Samples { get; }

    public int MaxValue => (1 << BitDepth) - 1;
    public bool HasAlpha => Channels is 2 or 4;

    /// <summary>Channels that carry colour (1 or 3), alpha excluded.</summary>
    public int ColorChannels => HasAlpha ? Channels - 1 : Channels;

    public ushort this[int x, int y, int c]
    {
        get => Samples[(y * Width + x) * Channels + c];
        set => Samples[(y * Width + x) * Channels + c] = value;
    }
}
