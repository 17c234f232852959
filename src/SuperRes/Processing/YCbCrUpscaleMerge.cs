using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SuperRes.Imaging;

namespace SuperRes.Processing;

/// <summary>
/// The end of a luma-only upscale in one pass over the output rows: Cb and Cr of the low-resolution
/// tile upscaled bicubically (<see cref="Imresize.Resize(Plane, double, ResizeKernel?)"/>), joined
/// with the network's Y, turned into RGB (<see cref="ColorConversion.YCbCrToRgb"/>) and written as
/// samples (<see cref="ImagePlanes.MergeInto"/>), for the kept region only. Those three steps make
/// three float planes of the upscaled size, and the resize two double planes more per channel; this
/// makes rows. Every sample equals theirs bit for bit: the same double operations in the same
/// order (multiplies and adds never fused), vector or scalar.
/// </summary>
internal static class YCbCrUpscaleMerge
{
    /// <summary>Output rows per parallel work item.</summary>
    private const int RowsPerChunk = 8;

    /// <summary>Per-thread switch to the scalar loops, the reference the vector ones are tested against (bit for bit).</summary>
    [ThreadStatic] internal static bool ScalarOnly;

    /// <summary>
    /// Writes the RGB samples of the rectangle at (<paramref name="x"/>, <paramref name="y"/>) of the
    /// upscaled planes into <paramref name="target"/> (3 channels) at (<paramref name="targetX"/>,
    /// <paramref name="targetY"/>). <paramref name="luma"/> is Y at the upscaled size, in [0, 255];
    /// <paramref name="cb"/> and <paramref name="cr"/> are at the low resolution, <paramref name="scale"/> times smaller.
    /// </summary>
    public static void MergeInto(Plane luma, Plane cb, Plane cr, int scale, int x, int y, int width, int height, Image target, int targetX, int targetY)
    {
        ArgumentNullException.ThrowIfNull(luma);
        ArgumentNullException.ThrowIfNull(cb);
        ArgumentNullException.ThrowIfNull(cr);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        if (cb.Width != cr.Width || cb.Height != cr.Height)
            throw new ArgumentException($"Cb is {cb.Width}x{cb.Height} and Cr {cr.Width}x{cr.Height}.", nameof(cr));
        if (luma.Width != (long)cb.Width * scale || luma.Height != (long)cb.Height * scale)
            throw new ArgumentException($"Y is {luma.Width}x{luma.Height}, not {scale} times the {cb.Width}x{cb.Height} chroma.", nameof(luma));
        if (target.Channels != 3) throw new ArgumentException($"Expected an RGB target, got {target.Channels} channel(s).", nameof(target));
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > luma.Width || y + height > luma.Height)
            throw new ArgumentOutOfRangeException(nameof(width), $"Region {width}x{height} at ({x},{y}) does not fit in {luma.Width}x{luma.Height} planes.");
        if (targetX < 0 || targetY < 0 || targetX + width > target.Width || targetY + height > target.Height)
            throw new ArgumentOutOfRangeException(nameof(targetX), $"Region {width}x{height} at ({targetX},{targetY}) does not fit in a {target.Width}x{target.Height} image.");

        var (rows, columns) = Weights(cb, scale, x, width);
        var job = new Job(luma, cb, cr, rows, columns, target, x, y, targetX, targetY, ScalarOnly);
        int chunks = (height + RowsPerChunk - 1) / RowsPerChunk;
        if ((long)width * height < 1 << 16)
            job.Run(y, y + height, new Buffers(columns, width));
        else
            Parallel.For(0, chunks, () => new Buffers(columns, width), (chunk, _, buffers) =>
            {
                int first = y + chunk * RowsPerChunk;
                job.Run(first, Math.Min(first + RowsPerChunk, y + height), buffers);
                return buffers;
            }, _ => { });
    }

    /// <summary>Row <paramref name="row"/> of <c>Imresize.Resize(plane, scale)</c>, columns <paramref name="x"/> .. + <paramref name="width"/> - 1, as the merge computes it (for tests).</summary>
    internal static float[] ResizedRow(Plane plane, int scale, int x, int width, int row)
    {
        var (rows, columns) = Weights(plane, scale, x, width);
        var luma = new Plane(plane.Width * scale, plane.Height * scale);
        var job = new Job(luma, plane, plane, rows, columns, new Image(width, 1, 3, 8), x, row, 0, 0, ScalarOnly);
        var buffers = new Buffers(columns, width);
        job.Chroma(plane, row, buffers.VerticalCb, buffers.Cb);
        return buffers.Cb;
    }

    /// <summary>Imresize.Resize(plane, scale)'s weights: MATLAB's, rows resized first (equal scales); the columns only for the region.</summary>
    private static (ResizeWeights Rows, ColumnTaps Columns) Weights(Plane chroma, int scale, int x, int width)
    {
        var kernel = KnownResizeKernels.Bicubic;
        var rows = ResizeWeights.Create(chroma.Height, chroma.Height * scale, scale, kernel, kernel.AntialiasWhenShrinking);
        var columns = new ColumnTaps(ResizeWeights.Create(chroma.Width, chroma.Width * scale, scale, kernel, kernel.AntialiasWhenShrinking), x, width);
        return (rows, columns);
    }

    /// <summary>
    /// The horizontal pass's taps for the output columns x .. x + width - 1, read from a vertical-pass
    /// row that holds only the input columns they reach (<see cref="First"/> .. <see cref="First"/> + <see cref="Span"/> - 1),
    /// and regrouped four outputs at a time for gathers.
    /// </summary>
    private sealed class ColumnTaps
    {
        public ColumnTaps(ResizeWeights w, int x, int width)
        {
            Taps = w.Taps;
            int first = int.MaxValue, last = int.MinValue;
            for (int i = x * Taps; i < (x + width) * Taps; i++)
            {
                first = Math.Min(first, w.Indices[i]);
                last = Math.Max(last, w.Indices[i]);
            }
            First = first;
            Span = last - first + 1;
            Weights = w.Weights.AsSpan(x * Taps, width * Taps).ToArray();
            Indices = w.Indices.AsSpan(x * Taps, width * Taps).ToArray();
            for (int i = 0; i < Indices.Length; i++) Indices[i] -= first;
            Groups = width / 4;
            GroupedWeights = new double[Groups * Taps * 4];
            GroupedIndices = new int[Groups * Taps * 4];
            for (int g = 0; g < Groups; g++)
                for (int t = 0; t < Taps; t++)
                    for (int lane = 0; lane < 4; lane++)
                    {
                        GroupedWeights[(g * Taps + t) * 4 + lane] = Weights[(4 * g + lane) * Taps + t];
                        GroupedIndices[(g * Taps + t) * 4 + lane] = Indices[(4 * g + lane) * Taps + t];
                    }
        }

        public int Taps { get; }
        public int First { get; }
        public int Span { get; }
        public double[] Weights { get; }
        public int[] Indices { get; }
        public int Groups { get; }
        public double[] GroupedWeights { get; }
        public int[] GroupedIndices { get; }
    }

    /// <summary>One thread's rows: the vertical pass of each chroma plane, the chroma of the output row, and the three sample rows.</summary>
    private sealed class Buffers(ColumnTaps columns, int width)
    {
        public readonly double[] VerticalCb = new double[columns.Span], VerticalCr = new double[columns.Span];
        public readonly float[] Cb = new float[width], Cr = new float[width];
        public readonly int[] Red = new int[width], Green = new int[width], Blue = new int[width];
    }

    private sealed class Job(Plane luma, Plane cb, Plane cr, ResizeWeights rows, ColumnTaps columns, Image target, int x, int y, int targetX, int targetY, bool scalar)
    {
        private readonly ColorConversion.Coefficients _inverse = new(255, toYCbCr: false);
        private readonly double _factor = target.MaxValue / 255.0;
        private readonly bool _vector = !scalar && Vector256.IsHardwareAccelerated;
        private readonly bool _gather = !scalar && Avx2.IsSupported;

        /// <summary>Output rows <paramref name="first"/> .. <paramref name="end"/> - 1 of the upscaled planes.</summary>
        public void Run(int first, int end, Buffers b)
        {
            int width = b.Cb.Length, channels = target.Channels;
            for (int row = first; row < end; row++)
            {
                Chroma(cb, row, b.VerticalCb, b.Cb);
                Chroma(cr, row, b.VerticalCr, b.Cr);
                ToSamples(luma.Data.AsSpan(row * luma.Width + x, width), b);
                int destination = ((targetY + row - y) * target.Width + targetX) * channels;
                if (target.BitDepth == 8)
                {
                    var samples = target.Samples8.Slice(destination, width * channels);
                    for (int i = 0, j = 0; i < width; i++, j += 3)
                        (samples[j], samples[j + 1], samples[j + 2]) = ((byte)b.Red[i], (byte)b.Green[i], (byte)b.Blue[i]);
                }
                else
                {
                    var samples = target.Samples16.Slice(destination, width * channels);
                    for (int i = 0, j = 0; i < width; i++, j += 3)
                        (samples[j], samples[j + 1], samples[j + 2]) = ((ushort)b.Red[i], (ushort)b.Green[i], (ushort)b.Blue[i]);
                }
            }
        }

        /// <summary>One output row of a chroma plane upscaled: the vertical pass into <paramref name="vertical"/>, then the horizontal.</summary>
        public void Chroma(Plane plane, int row, double[] vertical, float[] output)
        {
            Vertical(plane, row, vertical);
            Horizontal(vertical, output);
        }

        /// <summary>Imresize's vertical pass for one output row, on the input columns the row's taps reach: zero, then each non-zero tap's weight times its row, added in tap order.</summary>
        private void Vertical(Plane plane, int row, double[] output)
        {
            Array.Clear(output);
            int span = output.Length, offset = columns.First;
            for (int t = 0; t < rows.Taps; t++)
            {
                double weight = rows.Weights[row * rows.Taps + t];
                if (weight == 0) continue;
                var source = plane.Data.AsSpan(rows.Indices[row * rows.Taps + t] * plane.Width + offset, span);
                int i = 0;
                if (_vector)
                {
                    var w = Vector256.Create(weight);
                    for (; i <= span - 8; i += 8)
                    {
                        var values = Vector256.Create(source[i..]);
                        var (low, high) = Vector256.Widen(values);
                        var dst = output.AsSpan(i);
                        (Vector256.Create(dst) + w * low).CopyTo(dst);
                        (Vector256.Create(dst[4..]) + w * high).CopyTo(dst[4..]);
                    }
                }
                for (; i < span; i++) output[i] += weight * source[i];
            }
        }

        /// <summary>Imresize's horizontal pass for the region's columns: each output's taps summed from zero in tap order, rounded to float.</summary>
        private unsafe void Horizontal(double[] input, float[] output)
        {
            int taps = columns.Taps, i = 0;
            if (_gather)
            {
                fixed (double* src = input, wp = columns.GroupedWeights)
                fixed (int* ip = columns.GroupedIndices)
                {
                    for (int g = 0; g < columns.Groups; g++)
                    {
                        var sum = Vector256<double>.Zero;
                        for (int t = 0; t < taps; t++)
                        {
                            int k = (g * taps + t) * 4;
                            var values = Avx2.GatherVector256(src, Sse2.LoadVector128(ip + k), 8);
                            sum = Avx.Add(sum, Avx.Multiply(Avx.LoadVector256(wp + k), values));
                        }
                        Vector128.StoreUnsafe(Avx.ConvertToVector128Single(sum), ref output[4 * g]);
                    }
                }
                i = 4 * columns.Groups;
            }
            for (; i < output.Length; i++)
            {
                double sum = 0;
                for (int t = 0; t < taps; t++) sum += columns.Weights[i * taps + t] * input[columns.Indices[i * taps + t]];
                output[i] = (float)sum;
            }
        }

        /// <summary>YCbCrToRgb then the sample conversion of ImagePlanes.MergeInto, for one row.</summary>
        private void ToSamples(ReadOnlySpan<float> luma, Buffers b)
        {
            var c = _inverse;
            int width = luma.Length, max = target.MaxValue, i = 0;
            if (_vector)
            {
                var (o0, o1, o2) = (Vector256.Create(c.O0), Vector256.Create(c.O1), Vector256.Create(c.O2));
                for (; i <= width - 8; i += 8)
                {
                    var (yLow, yHigh) = Vector256.Widen(Vector256.Create(luma[i..]));
                    var (cbLow, cbHigh) = Vector256.Widen(Vector256.Create(b.Cb.AsSpan(i)));
                    var (crLow, crHigh) = Vector256.Widen(Vector256.Create(b.Cr.AsSpan(i)));
                    var (p0, q0, r0) = (yLow - o0, cbLow - o1, crLow - o2);
                    var (p1, q1, r1) = (yHigh - o0, cbHigh - o1, crHigh - o2);
                    Sample(p0, q0, r0, p1, q1, r1, c.M00, c.M01, c.M02, max).CopyTo(b.Red.AsSpan(i));
                    Sample(p0, q0, r0, p1, q1, r1, c.M10, c.M11, c.M12, max).CopyTo(b.Green.AsSpan(i));
                    Sample(p0, q0, r0, p1, q1, r1, c.M20, c.M21, c.M22, max).CopyTo(b.Blue.AsSpan(i));
                }
            }
            for (; i < width; i++)
            {
                double p = luma[i] - c.O0, q = b.Cb[i] - c.O1, r = b.Cr[i] - c.O2;
                b.Red[i] = ImagePlanes.ToSample((float)(255 * (c.M00 * p + c.M01 * q + c.M02 * r)) * _factor, max);
                b.Green[i] = ImagePlanes.ToSample((float)(255 * (c.M10 * p + c.M11 * q + c.M12 * r)) * _factor, max);
                b.Blue[i] = ImagePlanes.ToSample((float)(255 * (c.M20 * p + c.M21 * q + c.M22 * r)) * _factor, max);
            }
        }

        /// <summary>
        /// Eight samples of one channel: (float)(255 (a p + b q + c r)), times the sample factor, then
        /// ImagePlanes.ToSample (NaN and negatives to 0, at most max, halves rounded away from zero).
        /// </summary>
        private Vector256<int> Sample(Vector256<double> p0, Vector256<double> q0, Vector256<double> r0,
            Vector256<double> p1, Vector256<double> q1, Vector256<double> r1, double a, double b, double c, int max)
        {
            var (va, vb, vc, scale) = (Vector256.Create(a), Vector256.Create(b), Vector256.Create(c), Vector256.Create(255.0));
            var low = scale * (va * p0 + vb * q0 + vc * r0);
            var high = scale * (va * p1 + vb * q1 + vc * r1);
            var (lowF, highF) = Vector256.Widen(Vector256.Narrow(low, high)); // the float rounding
            var factor = Vector256.Create(_factor);
            return Vector256.Narrow(Vector256.ConvertToInt64(ImagePlanes.ToSample(lowF * factor, max)),
                Vector256.ConvertToInt64(ImagePlanes.ToSample(highF * factor, max)));
        }
    }
}
