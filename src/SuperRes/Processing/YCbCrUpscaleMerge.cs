using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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

    /// <summary>Per-thread switch to the vector loops step by step instead of the fused one (8-bit output), so that tests cover both.</summary>
    [ThreadStatic] internal static bool Unfused;

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
            job.Run(y, y + height, new Buffers(cb.Width, width));
        else
            Parallel.For(0, chunks, () => new Buffers(cb.Width, width), (chunk, _, buffers) =>
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
        var buffers = new Buffers(plane.Width, width);
        job.Chroma(plane, row, buffers.VerticalCb, buffers.Cb);
        return buffers.Cb;
    }

    /// <summary>Imresize.Resize(plane, scale)'s weights: MATLAB's, rows resized first (equal scales); the columns for the region.</summary>
    private static (ResizeWeights Rows, ColumnTaps Columns) Weights(Plane chroma, int scale, int x, int width)
    {
        var kernel = KnownResizeKernels.Bicubic;
        var rows = ResizeWeights.Create(chroma.Height, chroma.Height * scale, scale, kernel, kernel.AntialiasWhenShrinking);
        var columns = ResizeWeights.Create(chroma.Width, chroma.Width * scale, scale, kernel, kernel.AntialiasWhenShrinking);
        if (WindowedColumnTaps.IsSupported)
            return (rows, new ColumnTaps(columns, 0, [], [], new WindowedColumnTaps(columns, x, width, chroma.Width)));
        var (weights, indices) = columns.GroupedByFour(x, width / 4);
        return (rows, new ColumnTaps(columns, width / 4, weights, indices, null));
    }

    /// <summary>
    /// The horizontal pass's weights, and those of the region's first 4 x <paramref name="Groups"/>
    /// columns regrouped for gathers (AVX2), or the region's windows (<paramref name="Windowed"/>, AVX-512).
    /// </summary>
    private sealed record ColumnTaps(ResizeWeights Weights, int Groups, double[] GroupedWeights, int[] GroupedIndices, WindowedColumnTaps? Windowed);

    /// <summary>One thread's rows: the vertical pass of each chroma plane, the region's chroma, its RGB, and its samples.</summary>
    private sealed class Buffers(int inWidth, int width)
    {
        public readonly double[] VerticalCb = new double[inWidth], VerticalCr = new double[inWidth];
        public readonly float[] Cb = new float[width], Cr = new float[width];
        public readonly float[] Red = new float[width], Green = new float[width], Blue = new float[width];
        public readonly int[] RedSamples = new int[width], GreenSamples = new int[width], BlueSamples = new int[width];
    }

    private sealed class Job(Plane luma, Plane cb, Plane cr, ResizeWeights rows, ColumnTaps columns, Image target, int x, int y, int targetX, int targetY, bool scalar)
    {
        private readonly ColorConversion.Coefficients _inverse = new(255, toYCbCr: false);
        private readonly double _factor = target.MaxValue / 255.0;
        private readonly bool _vector = !scalar && Vector256.IsHardwareAccelerated;
        private readonly bool _gather = !scalar && Avx2.IsSupported;
        /// <summary>Colour, samples and bytes in one pass, 8 pixels at a time in registers (8-bit output).</summary>
        private readonly bool _fused = !scalar && !Unfused && target.BitDepth == 8 && Avx2.IsSupported;

        /// <summary>Output rows <paramref name="first"/> .. <paramref name="end"/> - 1 of the upscaled planes.</summary>
        public void Run(int first, int end, Buffers b)
        {
            int width = b.Cb.Length;
            for (int row = first; row < end; row++)
            {
                Chroma(cb, row, b.VerticalCb, b.Cb);
                Chroma(cr, row, b.VerticalCr, b.Cr);
                int destination = ((targetY + row - y) * target.Width + targetX) * 3;
                var lumaRow = luma.Data.AsSpan(row * luma.Width + x, width);
                // The fused loop leaves the last pixels (all of them when it does not run) to the steps one by one.
                int done = _fused ? ToRgbBytes(lumaRow, b.Cb, b.Cr, target.Samples8.Slice(destination, 3 * width)) : 0;
                if (done < width) StepByStep(lumaRow, done, b, destination);
            }
        }

        /// <summary>Colour, samples and interleaving of a row's pixels from <paramref name="first"/> on, each over the row in turn.</summary>
        private void StepByStep(ReadOnlySpan<float> lumaRow, int first, Buffers b, int destination)
        {
            int count = lumaRow.Length - first;
            Span<int> red = b.RedSamples.AsSpan(0, count), green = b.GreenSamples.AsSpan(0, count), blue = b.BlueSamples.AsSpan(0, count);
            _inverse.Apply(lumaRow[first..], b.Cb.AsSpan(first), b.Cr.AsSpan(first), b.Red.AsSpan(0, count), b.Green.AsSpan(0, count), b.Blue.AsSpan(0, count));
            ImagePlanes.ToSamples(b.Red.AsSpan(0, count), _factor, target.MaxValue, red);
            ImagePlanes.ToSamples(b.Green.AsSpan(0, count), _factor, target.MaxValue, green);
            ImagePlanes.ToSamples(b.Blue.AsSpan(0, count), _factor, target.MaxValue, blue);
            destination += 3 * first;
            if (target.BitDepth == 8)
            {
                Interleave(red, green, blue, target.Samples8.Slice(destination, 3 * count), scalar);
                return;
            }
            var samples = target.Samples16.Slice(destination, 3 * count);
            for (int i = 0, j = 0; i < count; i++, j += 3)
                (samples[j], samples[j + 1], samples[j + 2]) = ((ushort)red[i], (ushort)green[i], (ushort)blue[i]);
        }

        /// <summary>
        /// What <see cref="ColorConversion.Coefficients.Apply"/>, <see cref="ImagePlanes.ToSamples"/> (at
        /// factor 1) and <see cref="Interleave"/> do to a row, 8 pixels at a time without leaving registers:
        /// the same operations per pixel, so the same bytes. Each 8 pixels are 32-bit words packed to 24
        /// bytes and stored as two 16-byte halves; the 4 bytes past them are written over by the next
        /// pixels, so the last 2 to 9 pixels of a row (all of a shorter one) are left: returns how many it wrote.
        /// </summary>
        private int ToRgbBytes(ReadOnlySpan<float> luma, ReadOnlySpan<float> cb, ReadOnlySpan<float> cr, Span<byte> rgb)
        {
            int width = rgb.Length / 3;
            if (luma.Length < width || cb.Length < width || cr.Length < width) throw new ArgumentException("A row has fewer values than pixels.", nameof(luma));
            int max = target.MaxValue, i = 0;
            ref float l = ref MemoryMarshal.GetReference(luma), b = ref MemoryMarshal.GetReference(cb), r = ref MemoryMarshal.GetReference(cr);
            ref byte output = ref MemoryMarshal.GetReference(rgb);
            // Per 128-bit lane: the low 3 bytes of each of 4 words, then zeros.
            var pack = Vector128.Create((byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 128, 128, 128, 128);
            var packBoth = Vector256.Create(pack, pack);
            for (; i + 10 <= width; i += 8)
            {
                var (red, green, blue) = _inverse.Apply8(Vector256.LoadUnsafe(ref l, (nuint)i), Vector256.LoadUnsafe(ref b, (nuint)i), Vector256.LoadUnsafe(ref r, (nuint)i));
                // Whole numbers in [0, 255]: truncation is exact, without the saturating conversion's fix-ups.
                var words = Avx.ConvertToVector256Int32WithTruncation(ImagePlanes.ToSample(red, max))
                    | Avx.ConvertToVector256Int32WithTruncation(ImagePlanes.ToSample(green, max)) << 8
                    | Avx.ConvertToVector256Int32WithTruncation(ImagePlanes.ToSample(blue, max)) << 16;
                var bytes = Avx2.Shuffle(words.AsByte(), packBoth);
                bytes.GetLower().StoreUnsafe(ref output, (nuint)(3 * i));
                bytes.GetUpper().StoreUnsafe(ref output, (nuint)(3 * i + 12));
            }
            return i;
        }

        /// <summary>
        /// Writes RGB bytes pixel by pixel. The fast loop stores each pixel as 4 bytes in one go (the
        /// fourth is overwritten by the next pixel), without bounds checks: a third of the byte loop's time.
        /// </summary>
        internal static void Interleave(ReadOnlySpan<int> red, ReadOnlySpan<int> green, ReadOnlySpan<int> blue, Span<byte> samples, bool scalar)
        {
            int width = samples.Length / 3;
            if (red.Length < width || green.Length < width || blue.Length < width) throw new ArgumentException("A row has fewer values than pixels.", nameof(red));
            int i = 0;
            if (!scalar)
            {
                ref byte output = ref MemoryMarshal.GetReference(samples);
                ref int r = ref MemoryMarshal.GetReference(red), g = ref MemoryMarshal.GetReference(green), b = ref MemoryMarshal.GetReference(blue);
                for (; i < width - 1; i++)
                {
                    uint pixel = (byte)Unsafe.Add(ref r, i) | (uint)(byte)Unsafe.Add(ref g, i) << 8 | (uint)(byte)Unsafe.Add(ref b, i) << 16;
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref output, 3 * i), BitConverter.IsLittleEndian ? pixel : BinaryPrimitives.ReverseEndianness(pixel));
                }
            }
            for (int j = 3 * i; i < width; i++, j += 3)
                (samples[j], samples[j + 1], samples[j + 2]) = ((byte)red[i], (byte)green[i], (byte)blue[i]);
        }

        /// <summary>One output row of a chroma plane upscaled: the vertical pass into <paramref name="vertical"/>, then the horizontal.</summary>
        public void Chroma(Plane plane, int row, double[] vertical, float[] output)
        {
            Vertical(plane, row, vertical);
            Horizontal(vertical, output);
        }

        /// <summary>Imresize's vertical pass for one output row: zero, then each non-zero tap's weight times its row, added in tap order.</summary>
        private void Vertical(Plane plane, int row, double[] output)
        {
            Array.Clear(output);
            int width = output.Length;
            for (int t = 0; t < rows.Taps; t++)
            {
                double weight = rows.Weights[row * rows.Taps + t];
                if (weight == 0) continue;
                var source = plane.Data.AsSpan(rows.Indices[row * rows.Taps + t] * width, width);
                int i = 0;
                if (_vector)
                {
                    // Refs rather than slices: the sliced form ran at a third of this speed when compiled
                    // on first call (the tool's setting), though as fast once tiered with a profile.
                    var w = Vector256.Create(weight);
                    ref float src = ref MemoryMarshal.GetReference(source);
                    ref double dst = ref MemoryMarshal.GetArrayDataReference(output);
                    for (; i <= width - 8; i += 8)
                    {
                        var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref src, (nuint)i));
                        (Vector256.LoadUnsafe(ref dst, (nuint)i) + w * low).StoreUnsafe(ref dst, (nuint)i);
                        (Vector256.LoadUnsafe(ref dst, (nuint)(i + 4)) + w * high).StoreUnsafe(ref dst, (nuint)(i + 4));
                    }
                }
                for (; i < width; i++) output[i] += weight * source[i];
            }
        }

        /// <summary>Imresize's horizontal pass for the region's columns, rounded to float.</summary>
        private unsafe void Horizontal(double[] input, float[] output)
        {
            if (!scalar && columns.Windowed is { } windowed)
            {
                windowed.Apply(input, output);
                return;
            }
            int i = 0;
            if (_gather)
            {
                fixed (double* src = input, weights = columns.GroupedWeights)
                fixed (int* indices = columns.GroupedIndices)
                    for (int g = 0; g < columns.Groups; g++)
                        Vector128.StoreUnsafe(Avx.ConvertToVector128Single(Imresize.GatheredTapSum(src, weights, indices, g, columns.Weights.Taps)), ref output[4 * g]);
                i = 4 * columns.Groups;
            }
            for (; i < output.Length; i++) output[i] = (float)Imresize.TapSum(columns.Weights, input, x + i);
        }
    }
}
