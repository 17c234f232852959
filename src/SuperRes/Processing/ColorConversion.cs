using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SuperRes.Processing;

/// <summary>
/// MATLAB's <c>rgb2ycbcr</c> / <c>ycbcr2rgb</c> (BT.601, studio range) on float planes whose full
/// scale is <c>maxValue</c> (255 for 8-bit data, 65535 for 16-bit, as MATLAB scales uint16):
/// Y = 16k + (65.481 R + 128.553 G + 24.966 B) / 255 with k = maxValue / 255, likewise Cb, Cr
/// around 128k. Computed in double, not rounded (MATLAB rounds only for integer inputs).
/// </summary>
public static class ColorConversion
{
    private static readonly double[,] Forward =
    {
        { 65.481, 128.553, 24.966 },
        { -37.797, -74.203, 112.0 },
        { 112.0, -93.786, -18.214 },
    };

    private static readonly double[] Offset = [16, 128, 128];

    private static readonly double[,] Inverse = Invert(Forward);

    /// <summary>The Y plane of an RGB image.</summary>
    public static Plane RgbToY(Plane r, Plane g, Plane b, double maxValue = 255)
    {
        CheckSameSize(r, g, b);
        var y = new Plane(r.Width, r.Height);
        var k = maxValue / 255;
        for (var i = 0; i < y.Data.Length; i++)
            y.Data[i] = (float)(16 * k + (65.481 * r.Data[i] + 128.553 * g.Data[i] + 24.966 * b.Data[i]) / 255);
        return y;
    }

    /// <summary>The luma used by the metrics: Y of RGB planes, or the plane itself for grayscale (one plane).</summary>
    public static Plane Luma(IReadOnlyList<Plane> colorPlanes, double maxValue = 255) => colorPlanes.Count switch
    {
        1 => colorPlanes[0],
        3 => RgbToY(colorPlanes[0], colorPlanes[1], colorPlanes[2], maxValue),
        _ => throw new ArgumentException($"Expected 1 (gray) or 3 (RGB) planes, got {colorPlanes.Count}.", nameof(colorPlanes)),
    };

    /// <summary>[Y, Cb, Cr] of [R, G, B].</summary>
    public static Plane[] RgbToYCbCr(IReadOnlyList<Plane> rgb, double maxValue = 255) => Transform(rgb, maxValue, toYCbCr: true);

    /// <summary>
    /// [Y, Cb, Cr] of the <paramref name="width"/> x <paramref name="height"/> rectangle at
    /// (<paramref name="x"/>, <paramref name="y"/>) of an RGB image, as <see cref="ImagePlanes.Split(Imaging.Image, int, int, int, int, double)"/>
    /// then <see cref="RgbToYCbCr"/> give them, into <paramref name="target"/> (three planes of the
    /// rectangle's size): row by row from the samples, without RGB planes. For a tiler that converts
    /// tile after tile into the same planes.
    /// </summary>
    internal static void RgbToYCbCrInto(Imaging.Image image, int x, int y, int width, int height, Plane[] target)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(target);
        if (image.Channels != 3) throw new ArgumentException($"Expected an RGB image, got {image.Channels} channel(s).", nameof(image));
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > image.Width || y + height > image.Height)
            throw new ArgumentOutOfRangeException(nameof(width), $"Region {width}x{height} at ({x},{y}) does not fit in a {image.Width}x{image.Height} image.");
        if (target.Length != 3 || target.Any(p => p.Width != width || p.Height != height))
            throw new ArgumentException($"Expected three {width}x{height} planes.", nameof(target));
        var coefficients = new Coefficients(255, toYCbCr: true);
        double factor = 255.0 / image.MaxValue;
        var red = new float[width];
        var green = new float[width];
        var blue = new float[width];
        for (int row = 0; row < height; row++)
        {
            int source = ((y + row) * image.Width + x) * 3;
            if (image.BitDepth == 8)
            {
                var samples = image.Samples8.Slice(source, 3 * width);
                for (int i = 0, j = 0; i < width; i++, j += 3)
                    (red[i], green[i], blue[i]) = ((float)(samples[j] * factor), (float)(samples[j + 1] * factor), (float)(samples[j + 2] * factor));
            }
            else
            {
                var samples = image.Samples16.Slice(source, 3 * width);
                for (int i = 0, j = 0; i < width; i++, j += 3)
                    (red[i], green[i], blue[i]) = ((float)(samples[j] * factor), (float)(samples[j + 1] * factor), (float)(samples[j + 2] * factor));
            }
            coefficients.Apply(red, green, blue, target[0].Data.AsSpan(row * width, width), target[1].Data.AsSpan(row * width, width),
                target[2].Data.AsSpan(row * width, width));
        }
    }

    /// <summary>[R, G, B] of [Y, Cb, Cr] (MATLAB: R G B = 255 T^-1 ([Y Cb Cr] - offset), offsets scaled by k).</summary>
    public static Plane[] YCbCrToRgb(IReadOnlyList<Plane> ycbcr, double maxValue = 255) => Transform(ycbcr, maxValue, toYCbCr: false);

    private static Plane[] Transform(IReadOnlyList<Plane> planes, double maxValue, bool toYCbCr)
    {
        ArgumentNullException.ThrowIfNull(planes);
        if (planes.Count != 3) throw new ArgumentException($"Expected 3 planes, got {planes.Count}.", nameof(planes));
        CheckSameSize(planes[0], planes[1], planes[2]);
        var result = new Plane[3];
        for (var ch = 0; ch < 3; ch++) result[ch] = new Plane(planes[0].Width, planes[0].Height);
        var coefficients = new Coefficients(maxValue, toYCbCr);
        var (a, b, c) = (planes[0].Data, planes[1].Data, planes[2].Data);
        var (x, y, z) = (result[0].Data, result[1].Data, result[2].Data);
        // Elementwise, so chunks can go to every core; the same double expressions either way.
        const int chunk = 1 << 16;
        if (a.Length <= chunk) coefficients.Apply(a, b, c, x, y, z);
        else Parallel.For(0, (a.Length + chunk - 1) / chunk, i =>
        {
            int start = i * chunk, length = Math.Min(a.Length, start + chunk) - start;
            coefficients.Apply(a.AsSpan(start, length), b.AsSpan(start, length), c.AsSpan(start, length),
                x.AsSpan(start, length), y.AsSpan(start, length), z.AsSpan(start, length));
        });
        return result;
    }

    /// <summary>One direction's matrix and offsets as scalars (kept out of the loop's array reads).</summary>
    internal readonly struct Coefficients
    {
        private readonly bool _toYCbCr;
        private readonly double _k, _o0, _o1, _o2;
        private readonly double _m00, _m01, _m02, _m10, _m11, _m12, _m20, _m21, _m22;

        public Coefficients(double maxValue, bool toYCbCr)
        {
            _toYCbCr = toYCbCr;
            _k = maxValue / 255;
            var m = toYCbCr ? Forward : Inverse;
            (_m00, _m01, _m02, _m10, _m11, _m12, _m20, _m21, _m22) = (m[0, 0], m[0, 1], m[0, 2], m[1, 0], m[1, 1], m[1, 2], m[2, 0], m[2, 1], m[2, 2]);
            (_o0, _o1, _o2) = (Offset[0] * _k, Offset[1] * _k, Offset[2] * _k);
        }

        /// <summary>
        /// Converts pixel by pixel from (<paramref name="a"/>, <paramref name="b"/>, <paramref name="c"/>) into
        /// (<paramref name="x"/>, <paramref name="y"/>, <paramref name="z"/>): in double, rounded to float once,
        /// four at a time where vectors run (the same multiplies and adds in the same order, never fused).
        /// </summary>
        public void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c, Span<float> x, Span<float> y, Span<float> z)
        {
            int i = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                for (; i <= a.Length - 8; i += 8)
                {
                    var (p, q, r) = Apply8(Vector256.Create(a[i..]), Vector256.Create(b[i..]), Vector256.Create(c[i..]));
                    p.CopyTo(x[i..]);
                    q.CopyTo(y[i..]);
                    r.CopyTo(z[i..]);
                }
            }
            if (_toYCbCr)
            {
                for (; i < a.Length; i++)
                {
                    double p = a[i], q = b[i], r = c[i];
                    x[i] = (float)(_o0 + (_m00 * p + _m01 * q + _m02 * r) / 255);
                    y[i] = (float)(_o1 + (_m10 * p + _m11 * q + _m12 * r) / 255);
                    z[i] = (float)(_o2 + (_m20 * p + _m21 * q + _m22 * r) / 255);
                }
                return;
            }
            for (; i < a.Length; i++)
            {
                double p = a[i] - _o0, q = b[i] - _o1, r = c[i] - _o2;
                x[i] = (float)(255 * (_m00 * p + _m01 * q + _m02 * r));
                y[i] = (float)(255 * (_m10 * p + _m11 * q + _m12 * r));
                z[i] = (float)(255 * (_m20 * p + _m21 * q + _m22 * r));
            }
        }

        /// <summary>
        /// Eight pixels converted as the scalar loops of <see cref="Apply"/> convert them (the same double
        /// operations per lane), rounded to float: <see cref="Apply"/>'s vector step, and one for callers
        /// that go on with the values in registers. YCbCr to RGB takes all eight lanes at once with AVX-512.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public (Vector256<float> X, Vector256<float> Y, Vector256<float> Z) Apply8(Vector256<float> a, Vector256<float> b, Vector256<float> c)
        {
            if (!_toYCbCr && Avx512F.IsSupported)
            {
                var p = Avx512F.ConvertToVector512Double(a) - Vector512.Create(_o0);
                var q = Avx512F.ConvertToVector512Double(b) - Vector512.Create(_o1);
                var r = Avx512F.ConvertToVector512Double(c) - Vector512.Create(_o2);
                var scale = Vector512.Create(255.0);
                return (Avx512F.ConvertToVector256Single(scale * (Vector512.Create(_m00) * p + Vector512.Create(_m01) * q + Vector512.Create(_m02) * r)),
                    Avx512F.ConvertToVector256Single(scale * (Vector512.Create(_m10) * p + Vector512.Create(_m11) * q + Vector512.Create(_m12) * r)),
                    Avx512F.ConvertToVector256Single(scale * (Vector512.Create(_m20) * p + Vector512.Create(_m21) * q + Vector512.Create(_m22) * r)));
            }
            var (o0, o1, o2) = (Vector256.Create(_o0), Vector256.Create(_o1), Vector256.Create(_o2));
            var (a0, a1) = Vector256.Widen(a);
            var (b0, b1) = Vector256.Widen(b);
            var (c0, c1) = Vector256.Widen(c);
            if (!_toYCbCr) (a0, a1, b0, b1, c0, c1) = (a0 - o0, a1 - o0, b0 - o1, b1 - o1, c0 - o2, c1 - o2);
            return (Row(a0, b0, c0, a1, b1, c1, _m00, _m01, _m02, o0), Row(a0, b0, c0, a1, b1, c1, _m10, _m11, _m12, o1),
                Row(a0, b0, c0, a1, b1, c1, _m20, _m21, _m22, o2));
        }

        /// <summary>
        /// One output channel of eight pixels, as the scalar loops compute it, rounded to float. Inlined:
        /// left a call (too large for the JIT to inline by itself), it ran as unoptimized first-tier code
        /// through a whole upscale, three calls per eight pixels, since tiering promotes it only later.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private Vector256<float> Row(Vector256<double> p0, Vector256<double> q0, Vector256<double> r0,
            Vector256<double> p1, Vector256<double> q1, Vector256<double> r1, double m0, double m1, double m2, Vector256<double> offset)
        {
            var (v0, v1, v2) = (Vector256.Create(m0), Vector256.Create(m1), Vector256.Create(m2));
            Vector256<double> low = v0 * p0 + v1 * q0 + v2 * r0, high = v0 * p1 + v1 * q1 + v2 * r1;
            var scale = Vector256.Create(255.0);
            return _toYCbCr
                ? Vector256.Narrow(offset + low / scale, offset + high / scale)
                : Vector256.Narrow(scale * low, scale * high);
        }
    }

    private static double[,] Invert(double[,] m)
    {
        var det = m[0, 0] * (m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1])
                - m[0, 1] * (m[1, 0] * m[2, 2] - m[1, 2] * m[2, 0])
                + m[0, 2] * (m[1, 0] * m[2, 1] - m[1, 1] * m[2, 0]);
        var inv = new double[3, 3];
        for (var r = 0; r < 3; r++)
            for (var c = 0; c < 3; c++)
            {
                // Cofactor of (c, r) gives the adjugate's (r, c).
                int r0 = (c + 1) % 3, r1 = (c + 2) % 3, c0 = (r + 1) % 3, c1 = (r + 2) % 3;
                inv[r, c] = (m[r0, c0] * m[r1, c1] - m[r0, c1] * m[r1, c0]) / det;
            }
        return inv;
    }

    private static void CheckSameSize(Plane a, Plane b, Plane c)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        if (a.Width != b.Width || a.Width != c.Width || a.Height != b.Height || a.Height != c.Height)
            throw new ArgumentException($"Planes differ in size: {a.Width}x{a.Height}, {b.Width}x{b.Height}, {c.Width}x{c.Height}.");
    }
}
