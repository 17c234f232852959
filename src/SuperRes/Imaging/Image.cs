namespace SuperRes.Imaging;

/// <summary>
/// A decoded raster image: interleaved samples, row-major, top row first, values in
/// [0, <see cref="MaxValue"/>]. An 8-bit image keeps one byte a sample (<see cref="Samples8"/>), a
/// 16-bit image two (<see cref="Samples16"/>); <see cref="GetSample"/>, <see cref="SetSample"/> and
/// the indexer read and write either as integers, for code that need not care about the depth.
/// </summary>
public sealed class Image
{
    private readonly byte[]? _bytes;
    private readonly ushort[]? _words;

    /// <summary>Creates an image with zeroed samples, 1 byte each at 8 bits and 2 at 16.</summary>
    public Image(int width, int height, int channels, int bitDepth)
    {
        Validate(width, height, channels, bitDepth);
        long count = (long)width * height * channels;
        if (count > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(width), $"A {width}x{height} image of {channels} channel(s) has more samples than an array holds.");
        (Width, Height, Channels, BitDepth) = (width, height, channels, bitDepth);
        if (bitDepth == 8) _bytes = new byte[count];
        else _words = new ushort[count];
    }

    /// <summary>Wraps existing interleaved 8-bit samples (not copied).</summary>
    public Image(int width, int height, int channels, byte[] samples)
    {
        Validate(width, height, channels, 8);
        CheckLength(width, height, channels, samples?.Length ?? throw new ArgumentNullException(nameof(samples)));
        (Width, Height, Channels, BitDepth, _bytes) = (width, height, channels, 8, samples);
    }

    /// <summary>Wraps existing interleaved 16-bit samples (not copied).</summary>
    public Image(int width, int height, int channels, ushort[] samples)
    {
        Validate(width, height, channels, 16);
        CheckLength(width, height, channels, samples?.Length ?? throw new ArgumentNullException(nameof(samples)));
        (Width, Height, Channels, BitDepth, _words) = (width, height, channels, 16, samples);
    }

    /// <summary>
    /// Makes an image of <paramref name="bitDepth"/> bits from integer samples: at 16 bits the array is
    /// wrapped (not copied), at 8 bits it is copied into a byte store (every value must be at most 255).
    /// </summary>
    public Image(int width, int height, int channels, int bitDepth, ushort[] samples)
    {
        Validate(width, height, channels, bitDepth);
        ArgumentNullException.ThrowIfNull(samples);
        CheckLength(width, height, channels, samples.Length);
        (Width, Height, Channels, BitDepth) = (width, height, channels, bitDepth);
        if (bitDepth == 16)
        {
            _words = samples;
            return;
        }
        _bytes = new byte[samples.Length];
        for (int i = 0; i < samples.Length; i++)
        {
            if (samples[i] > 255) throw new ArgumentException($"Sample {i} is {samples[i]}, above 255 for an 8-bit image.", nameof(samples));
            _bytes[i] = (byte)samples[i];
        }
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>1 gray, 2 gray+alpha, 3 RGB, 4 RGBA.</summary>
    public int Channels { get; }

    /// <summary>8 or 16.</summary>
    public int BitDepth { get; }

    public int MaxValue => (1 << BitDepth) - 1;
    public bool HasAlpha => Channels is 2 or 4;

    /// <summary>Channels that carry colour (1 or 3), alpha excluded.</summary>
    public int ColorChannels => HasAlpha ? Channels - 1 : Channels;

    /// <summary>Samples in all: <c>Width * Height * Channels</c>.</summary>
    public int SampleCount => _bytes?.Length ?? _words!.Length;

    /// <summary>Bytes a sample takes in memory: 1 at 8 bits, 2 at 16.</summary>
    public int BytesPerSample => BitDepth / 8;

    /// <summary>Memory the samples take, in bytes.</summary>
    public long SampleBytes => (long)SampleCount * BytesPerSample;

    /// <summary>The samples of an 8-bit image, <c>(y * Width + x) * Channels + c</c>; throws for a 16-bit one.</summary>
    public Span<byte> Samples8 => Samples8Array;

    /// <summary>The array behind <see cref="Samples8"/>, for code that hands it to other threads.</summary>
    internal byte[] Samples8Array => _bytes ?? throw new InvalidOperationException("A 16-bit image has no 8-bit samples; use Samples16 or GetSample.");

    /// <summary>The samples of a 16-bit image, <c>(y * Width + x) * Channels + c</c>; throws for an 8-bit one.</summary>
    public Span<ushort> Samples16 => _words ?? throw new InvalidOperationException("An 8-bit image has no 16-bit samples; use Samples8 or GetSample.");

    /// <summary>Sample <paramref name="index"/> (interleaved order) at either depth.</summary>
    public int GetSample(int index) => _bytes is { } b ? b[index] : _words![index];

    /// <summary>Sets sample <paramref name="index"/>; the value must lie in [0, <see cref="MaxValue"/>].</summary>
    public void SetSample(int index, int value)
    {
        if ((uint)value > (uint)MaxValue) throw new ArgumentOutOfRangeException(nameof(value), $"Sample {value} is outside [0, {MaxValue}].");
        if (_bytes is { } b) b[index] = (byte)value;
        else _words![index] = (ushort)value;
    }

    public int this[int x, int y, int c]
    {
        get => GetSample((y * Width + x) * Channels + c);
        set => SetSample((y * Width + x) * Channels + c, value);
    }

    /// <summary>The samples of rows [<paramref name="y"/>, <paramref name="y"/> + <paramref name="rows"/>) widened to 16-bit integers, at this image's scale.</summary>
    public void CopyRowsTo(int y, int rows, Span<ushort> destination)
    {
        int rowSamples = Width * Channels;
        if (y < 0 || rows < 0 || y + rows > Height) throw new ArgumentOutOfRangeException(nameof(rows), $"Rows {y}..{y + rows} are outside 0..{Height}.");
        if (destination.Length < rows * rowSamples) throw new ArgumentException($"Expected room for {rows * rowSamples} samples.", nameof(destination));
        int start = y * rowSamples, count = rows * rowSamples;
        if (_words is { } w) w.AsSpan(start, count).CopyTo(destination);
        else
        {
            var b = _bytes.AsSpan(start, count);
            for (int i = 0; i < b.Length; i++) destination[i] = b[i];
        }
    }

    /// <summary>Every sample widened to a 16-bit integer (a copy), at this image's scale; for comparisons and tests.</summary>
    public ushort[] ToUInt16Array()
    {
        var result = new ushort[SampleCount];
        CopyRowsTo(0, Height, result);
        return result;
    }

    /// <summary>Whether both images have the same size, channels, bit depth and samples.</summary>
    public bool SamplesEqual(Image other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if ((Width, Height, Channels, BitDepth) != (other.Width, other.Height, other.Channels, other.BitDepth)) return false;
        return _bytes is { } b ? b.AsSpan().SequenceEqual(other._bytes) : _words.AsSpan().SequenceEqual(other._words);
    }

    private static void Validate(int width, int height, int channels, int bitDepth)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"Image size {width}x{height} must be positive.");
        if (channels is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(channels), "Channels must be 1 (gray), 2 (gray+alpha), 3 (RGB) or 4 (RGBA).");
        if (bitDepth is not (8 or 16)) throw new ArgumentOutOfRangeException(nameof(bitDepth), "Bit depth must be 8 or 16.");
    }

    private static void CheckLength(int width, int height, int channels, int length)
    {
        if (length != (long)width * height * channels)
            throw new ArgumentException($"Expected {(long)width * height * channels} samples, got {length}.", "samples");
    }
}
