using System.Buffers;
using System.Runtime.Intrinsics;
using SuperRes.Imaging;

namespace SuperRes.Processing;

/// <summary>
/// Conversions between <see cref="Image"/> (interleaved integer samples) and float planes.
/// Planes are scaled so that the image's full scale maps to <c>fullScale</c> (255 by default,
/// so 8-bit samples are copied as they are and 16-bit samples are divided by 257).
/// </summary>
public static class ImagePlanes
{
    /// <summary>One plane per channel (alpha included, last), samples times <c>fullScale / image.MaxValue</c>.</summary>
    public static Plane[] Split(Image image, double fullScale = 255)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Split(image, 0, 0, image.Width, image.Height, fullScale);
    }

    /// <summary>
    /// The planes of the rectangle at (<paramref name="x"/>, <paramref name="y"/>), as <see cref="Split(Image, double)"/>
    /// then a crop would give them, without making planes of the whole image.
    /// </summary>
    public static Plane[] Split(Image image, int x, int y, int width, int height, double fullScale = 255)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > image.Width || y + height > image.Height)
            throw new ArgumentOutOfRangeException(nameof(width), $"Region {width}x{height} at ({x},{y}) does not fit in a {image.Width}x{image.Height} image.");
        var factor = fullScale / image.MaxValue;
        var planes = new Plane[image.Channels];
        var channels = image.Channels;
        for (var c = 0; c < channels; c++)
        {
            var plane = new Plane(width, height);
            for (var row = 0; row < height; row++)
            {
                var source = ((y + row) * image.Width + x) * channels + c;
                var target = plane.Data.AsSpan(row * width, width);
                if (image.BitDepth == 8)
                {
                    var samples = image.Samples8;
                    for (var i = 0; i < width; i++) target[i] = (float)(samples[source + i * channels] * factor);
                }
                else
                {
                    var samples = image.Samples16;
                    for (var i = 0; i < width; i++) target[i] = (float)(samples[source + i * channels] * factor);
                }
            }
            planes[c] = plane;
        }
        return planes;
    }

    /// <summary>
    /// Interleaves planes into an image of <paramref name="bitDepth"/> bits: value times
    /// <c>maxValue / fullScale</c>, rounded half away from zero (MATLAB's im2uint8) and clipped.
    /// </summary>
    public static Image Merge(IReadOnlyList<Plane> planes, int bitDepth, double fullScale = 255)
    {
        ArgumentNullException.ThrowIfNull(planes);
        if (planes.Count is < 1 or > 4) throw new ArgumentException($"Expected 1 to 4 planes, got {planes.Count}.", nameof(planes));
        var image = new Image(planes[0].Width, planes[0].Height, planes.Count, bitDepth);
        MergeInto(planes, 0, 0, image.Width, image.Height, image, 0, 0, fullScale);
        return image;
    }

    /// <summary>
    /// Interleaves the rectangle at (<paramref name="x"/>, <paramref name="y"/>) of the planes into
    /// <paramref name="target"/> at (<paramref name="targetX"/>, <paramref name="targetY"/>), as
    /// <see cref="Merge"/> converts them: a crop merged and pasted, without the crop or the copy.
    /// </summary>
    public static void MergeInto(IReadOnlyList<Plane> planes, int x, int y, int width, int height, Image target, int targetX, int targetY, double fullScale = 255)
    {
        ArgumentNullException.ThrowIfNull(planes);
        ArgumentNullException.ThrowIfNull(target);
        if (planes.Count != target.Channels) throw new ArgumentException($"Expected {target.Channels} planes, got {planes.Count}.", nameof(planes));
        var planeWidth = planes[0].Width;
        var planeHeight = planes[0].Height;
        foreach (var p in planes)
            if (p.Width != planeWidth || p.Height != planeHeight)
                throw new ArgumentException($"Planes differ in size: {planeWidth}x{planeHeight} and {p.Width}x{p.Height}.", nameof(planes));
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > planeWidth || y + height > planeHeight)
            throw new ArgumentOutOfRangeException(nameof(width), $"Region {width}x{height} at ({x},{y}) does not fit in {planeWidth}x{planeHeight} planes.");
        if (targetX < 0 || targetY < 0 || targetX + width > target.Width || targetY + height > target.Height)
            throw new ArgumentOutOfRangeException(nameof(targetX), $"Region {width}x{height} at ({targetX},{targetY}) does not fit in a {target.Width}x{target.Height} image.");
        var max = target.MaxValue;
        var factor = max / fullScale;
        var channels = target.Channels;
        void Row(int row)
        {
            var values = ArrayPool<int>.Shared.Rent(width);
            try
            {
                for (var c = 0; c < channels; c++)
                {
                    var source = (y + row) * planeWidth + x;
                    var destination = ((targetY + row) * target.Width + targetX) * channels + c;
                    ToSamples(planes[c].Data.AsSpan(source, width), factor, max, values);
                    if (target.BitDepth == 8)
                    {
                        var samples = target.Samples8;
                        for (var i = 0; i < width; i++) samples[destination + i * channels] = (byte)values[i];
                    }
                    else
                    {
                        var samples = target.Samples16;
                        for (var i = 0; i < width; i++) samples[destination + i * channels] = (ushort)values[i];
                    }
                }
            }
            finally
            {
                ArrayPool<int>.Shared.Return(values);
            }
        }
        // Rows write disjoint samples: a large region goes to every core.
        if ((long)width * height * channels < 1 << 18)
            for (var row = 0; row < height; row++) Row(row);
        else
            Parallel.For(0, height, Row);
    }

    /// <summary>Rounds and clips every value to the integer grid of <paramref name="bitDepth"/> bits, staying in plane scale.</summary>
    public static Plane Quantize(Plane plane, int bitDepth = 8, double fullScale = 255)
    {
        ArgumentNullException.ThrowIfNull(plane);
        if (bitDepth is not (8 or 16)) throw new ArgumentOutOfRangeException(nameof(bitDepth), "Bit depth must be 8 or 16.");
        var max = (1 << bitDepth) - 1;
        var factor = max / fullScale;
        var result = new Plane(plane.Width, plane.Height);
        for (var i = 0; i < plane.Data.Length; i++)
            result.Data[i] = (float)(ToSample(plane.Data[i] * factor, max) / factor);
        return result;
    }

    /// <summary>Per-thread switch to the scalar loop of <see cref="ToSamples"/>, the reference the vector one is tested against.</summary>
    [ThreadStatic] internal static bool ScalarOnly;

    /// <summary><see cref="ToSample(double, int)"/> of each value times <paramref name="factor"/> (in double), eight at a time where vectors run.</summary>
    internal static void ToSamples(ReadOnlySpan<float> values, double factor, int max, Span<int> samples)
    {
        int i = 0;
        if (!ScalarOnly && factor == 1.0 && max < 1 << 23)
        {
            // Times 1 changes nothing, and below 2^23 a float's floor and fraction are exact: the same
            // steps in float give the double ones' results, with twice the lanes and no widening.
            if (Vector512.IsHardwareAccelerated)
                for (; i <= values.Length - 16; i += 16)
                    Vector512.ConvertToInt32(ToSample(Vector512.Create(values[i..]), max)).CopyTo(samples[i..]);
            else if (Vector256.IsHardwareAccelerated)
                for (; i <= values.Length - 8; i += 8)
                    Vector256.ConvertToInt32(ToSample(Vector256.Create(values[i..]), max)).CopyTo(samples[i..]);
        }
        else if (!ScalarOnly && Vector256.IsHardwareAccelerated)
        {
            var scale = Vector256.Create(factor);
            for (; i <= values.Length - 8; i += 8)
            {
                var (low, high) = Vector256.Widen(Vector256.Create(values[i..]));
                Vector256.Narrow(Vector256.ConvertToInt64(ToSample(low * scale, max)), Vector256.ConvertToInt64(ToSample(high * scale, max)))
                    .CopyTo(samples[i..]);
            }
        }
        for (; i < values.Length; i++) samples[i] = ToSample(values[i] * factor, max);
    }

    /// <summary><see cref="ToSample(double, int)"/> on four values: NaN and negatives to 0, at most max, halves away from zero; still in double.</summary>
    internal static Vector256<double> ToSample(Vector256<double> value, int max)
    {
        var top = Vector256.Create((double)max);
        value = Vector256.ConditionalSelect(Vector256.GreaterThan(value, Vector256<double>.Zero), value, Vector256<double>.Zero);
        value = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(value, top), top, value);
        var whole = Vector256.Floor(value); // value >= 0: the truncation
        var up = Vector256.GreaterThanOrEqual(value - whole, Vector256.Create(0.5));
        return whole + (up & Vector256.Create(1.0));
    }

    /// <summary><see cref="ToSample(double, int)"/> in float, for values already on the sample scale (max below 2^23).</summary>
    private static Vector512<float> ToSample(Vector512<float> value, int max)
    {
        var top = Vector512.Create((float)max);
        value = Vector512.ConditionalSelect(Vector512.GreaterThan(value, Vector512<float>.Zero), value, Vector512<float>.Zero);
        value = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(value, top), top, value);
        var whole = Vector512.Floor(value);
        return whole + (Vector512.GreaterThanOrEqual(value - whole, Vector512.Create(0.5f)) & Vector512.Create(1f));
    }

    /// <summary><see cref="ToSample(double, int)"/> in float, for values already on the sample scale (max below 2^23).</summary>
    internal static Vector256<float> ToSample(Vector256<float> value, int max)
    {
        var top = Vector256.Create((float)max);
        value = Vector256.ConditionalSelect(Vector256.GreaterThan(value, Vector256<float>.Zero), value, Vector256<float>.Zero);
        value = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(value, top), top, value);
        var whole = Vector256.Floor(value);
        return whole + (Vector256.GreaterThanOrEqual(value - whole, Vector256.Create(0.5f)) & Vector256.Create(1f));
    }

    internal static ushort ToSample(double value, int max)
    {
        if (!(value > 0)) return 0; // NaN goes to 0 too
        if (value >= max) return (ushort)max;
        return (ushort)Math.Round(value, MidpointRounding.AwayFromZero);
    }
}
