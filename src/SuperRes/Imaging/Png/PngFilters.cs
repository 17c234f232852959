using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SuperRes.Imaging.Png;

/// <summary>The five PNG row filters (undo for decoding, apply for encoding).</summary>
internal static class PngFilters
{
    public static void Unfilter(int filter, Span<byte> row, ReadOnlySpan<byte> previous, int bpp)
    {
        int n = row.Length;
        switch (filter)
        {
            case 0:
                break;
            case 1:
                for (int i = bpp; i < n; i++) row[i] += row[i - bpp];
                break;
            case 2:
                for (int i = 0; i < n; i++) row[i] += previous[i];
                break;
            case 3:
                for (int i = 0; i < bpp && i < n; i++) row[i] += (byte)(previous[i] >> 1);
                for (int i = bpp; i < n; i++) row[i] += (byte)((row[i - bpp] + previous[i]) >> 1);
                break;
            case 4:
                for (int i = 0; i < bpp && i < n; i++) row[i] += previous[i];
                if (bpp == 3 && Vector128.IsHardwareAccelerated && !PlainPaeth) UnfilterPaeth3Vector(row, previous);
                else if (bpp == 3) UnfilterPaeth3(row, previous);
                else for (int i = bpp; i < n; i++) row[i] += PaethSelect(row[i - bpp], previous[i], previous[i - bpp]);
                break;
            default:
                throw new ImageFormatException($"unknown filter type {filter} in IDAT");
        }
    }

    /// <summary>Writes <paramref name="row"/> filtered with <paramref name="filter"/> into <paramref name="output"/>.</summary>
    public static void Filter(int filter, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, Span<byte> output)
    {
        // Filtering reads only raw bytes (unlike unfiltering), so whole vectors go at once; the
        // scalar reference finishes the tail and serves machines without 256-bit vectors.
        int n = row.Length;
        if (!Vector256.IsHardwareAccelerated || filter == 0 || n < bpp + Vector256<byte>.Count)
        {
            FilterReference(filter, row, previous, bpp, output);
            return;
        }
        int head = filter == 2 ? 0 : bpp, i = head, width = Vector256<byte>.Count;
        if (head > 0) FilterReference(filter, row[..head], previous[..head], bpp, output);
        for (; i + width <= n; i += width)
        {
            var x = Vector256.Create(row.Slice(i, width));
            var b = Vector256.Create(previous.Slice(i, width));
            Vector256<byte> predictor;
            if (filter == 2) predictor = b;
            else
            {
                var a = Vector256.Create(row.Slice(i - bpp, width));
                predictor = filter switch
                {
                    1 => a,
                    3 => (a & b) + Vector256.ShiftRightLogical(a ^ b, 1), // floor((a + b) / 2) without overflow
                    _ => PaethVector(a, b, Vector256.Create(previous.Slice(i - bpp, width))),
                };
            }
            (x - predictor).CopyTo(output.Slice(i, width));
        }
        for (; i < n; i++)
            output[i] = (byte)(row[i] - filter switch
            {
                1 => row[i - bpp],
                2 => previous[i],
                3 => (row[i - bpp] + previous[i]) >> 1,
                _ => Paeth(row[i - bpp], previous[i], previous[i - bpp]),
            });
    }

    /// <summary>
    /// The filter whose output has the smallest sum of absolute values (bytes read as signed; the
    /// first of equal sums), without writing any: all five residuals of 32 bytes at once from the
    /// same four loads, their magnitudes summed 8 at a time (psadbw). The same sums as filtering
    /// each way and summing (<see cref="PngRowWriter.SumOfAbsoluteSigned"/>), at a fraction of the
    /// memory traffic. Needs AVX2 (<see cref="CanScoreAtOnce"/>).
    /// </summary>
    public static int BestFilter(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp)
    {
        if (!CanScoreAtOnce) throw new PlatformNotSupportedException("Scoring the filters at once needs AVX2.");
        int n = row.Length;
        if (previous.Length < n) throw new ArgumentException("The row above is shorter than the row.", nameof(previous));
        Span<long> scores = stackalloc long[5];
        scores.Clear();
        int i = 0;
        // The first pixel has nothing to its left (a = c = 0); the bytes after the last whole vector, one by one.
        for (; i < bpp && i < n; i++) AddScores(scores, row[i], previous[i], 0, 0);
        var s0 = Vector256<ulong>.Zero;
        var (s1, s2, s3, s4) = (s0, s0, s0, s0);
        const int width = 32;
        for (; i + width <= n; i += width)
        {
            var x = Vector256.Create(row.Slice(i, width));
            var b = Vector256.Create(previous.Slice(i, width));
            var a = Vector256.Create(row.Slice(i - bpp, width));
            var c = Vector256.Create(previous.Slice(i - bpp, width));
            s0 += Magnitudes(x);
            s1 += Magnitudes(x - a);
            s2 += Magnitudes(x - b);
            s3 += Magnitudes(x - ((a & b) + Vector256.ShiftRightLogical(a ^ b, 1)));
            s4 += Magnitudes(x - PaethVector(a, b, c));
        }
        scores[0] += (long)Vector256.Sum(s0);
        scores[1] += (long)Vector256.Sum(s1);
        scores[2] += (long)Vector256.Sum(s2);
        scores[3] += (long)Vector256.Sum(s3);
        scores[4] += (long)Vector256.Sum(s4);
        for (; i < n; i++) AddScores(scores, row[i], previous[i], row[i - bpp], previous[i - bpp]);
        int best = 0;
        for (int filter = 1; filter < 5; filter++)
            if (scores[filter] < scores[best]) best = filter;
        return best;

        // |v| of each byte read as signed (-128 gives 128), summed in four 64-bit lanes.
        static Vector256<ulong> Magnitudes(Vector256<byte> v) =>
            Avx2.SumAbsoluteDifferences(Avx2.Abs(v.AsSByte()), Vector256<byte>.Zero).AsUInt64();

        static void AddScores(Span<long> scores, byte x, byte b, byte a, byte c)
        {
            scores[0] += Magnitude(x);
            scores[1] += Magnitude((byte)(x - a));
            scores[2] += Magnitude((byte)(x - b));
            scores[3] += Magnitude((byte)(x - ((a + b) >> 1)));
            scores[4] += Magnitude((byte)(x - Paeth(a, b, c)));
        }

        static int Magnitude(byte v) => v < 128 ? v : 256 - v;
    }

    /// <summary>Whether <see cref="BestFilter"/> runs here (AVX2).</summary>
    public static bool CanScoreAtOnce => Avx2.IsSupported;

    /// <summary>The Paeth predictor of 32 bytes at once, in 16-bit lanes.</summary>
    private static Vector256<byte> PaethVector(Vector256<byte> a, Vector256<byte> b, Vector256<byte> c)
    {
        var (aLow, aHigh) = Vector256.Widen(a);
        var (bLow, bHigh) = Vector256.Widen(b);
        var (cLow, cHigh) = Vector256.Widen(c);
        return Vector256.Narrow(PaethHalf(aLow, bLow, cLow), PaethHalf(aHigh, bHigh, cHigh));
    }

    private static Vector256<ushort> PaethHalf(Vector256<ushort> a, Vector256<ushort> b, Vector256<ushort> c)
    {
        // p = a + b - c, so |p - a| = |b - c|, |p - b| = |a - c|, |p - c| = |(b - c) + (a - c)|.
        var bc = b.AsInt16() - c.AsInt16();
        var ac = a.AsInt16() - c.AsInt16();
        var pa = Vector256.Abs(bc);
        var pb = Vector256.Abs(ac);
        var pc = Vector256.Abs(bc + ac);
        var pickA = Vector256.LessThanOrEqual(pa, pb) & Vector256.LessThanOrEqual(pa, pc);
        var pickB = Vector256.LessThanOrEqual(pb, pc);
        return Vector256.ConditionalSelect(pickA.AsUInt16(), a, Vector256.ConditionalSelect(pickB.AsUInt16(), b, c));
    }

    /// <summary>The plain byte-by-byte filter: the reference the vector path is tested against.</summary>
    internal static void FilterReference(int filter, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, Span<byte> output)
    {
        // One loop per filter (not a switch per byte): the encoder tries all five on every row.
        int n = row.Length, head = Math.Min(bpp, n);
        switch (filter)
        {
            case 0:
                row.CopyTo(output);
                break;
            case 1:
                row[..head].CopyTo(output);
                for (int i = bpp; i < n; i++) output[i] = (byte)(row[i] - row[i - bpp]);
                break;
            case 2:
                for (int i = 0; i < n; i++) output[i] = (byte)(row[i] - previous[i]);
                break;
            case 3:
                for (int i = 0; i < head; i++) output[i] = (byte)(row[i] - (previous[i] >> 1));
                for (int i = bpp; i < n; i++) output[i] = (byte)(row[i] - ((row[i - bpp] + previous[i]) >> 1));
                break;
            default:
                for (int i = 0; i < head; i++) output[i] = (byte)(row[i] - previous[i]); // Paeth(0, up, 0) is up
                for (int i = bpp; i < n; i++) output[i] = (byte)(row[i] - Paeth(row[i - bpp], previous[i], previous[i - bpp]));
                break;
        }
    }

    /// <summary>Per-thread switch to the scalar Paeth unfiltering of RGB rows, the reference the vector one is tested against.</summary>
    [ThreadStatic] internal static bool PlainPaeth;

    /// <summary>
    /// Paeth unfiltering of RGB rows a pixel at a time, its three channels in the 16-bit lanes of one
    /// vector: each pixel waits for the one before (its left neighbour), so the time is that chain's
    /// length, and one chain of vector steps is shorter than three of scalar ones with their byte
    /// conversions (on the development machine 15 ms for a 1024x768 photo's rows, now a fraction).
    /// Each pixel is stored as 4 bytes, the fourth over the next pixel's filtered byte, which is read
    /// before; the last pixel or two go through the scalar loop.
    /// </summary>
    private static void UnfilterPaeth3Vector(Span<byte> row, ReadOnlySpan<byte> previous)
    {
        int n = row.Length;
        if (n < 10 || previous.Length < n)
        {
            UnfilterPaeth3(row, previous);
            return;
        }
        ref byte r = ref MemoryMarshal.GetReference(row);
        ref byte p = ref MemoryMarshal.GetReference(previous);
        var a = Pixel(ref r, 0); // the first pixel, already unfiltered
        var c = Pixel(ref p, 0);
        var x = Pixel(ref r, 3);
        var low = Vector128.Create((short)0xFF);
        int i = 3;
        for (; i + 7 <= n; i += 3)
        {
            var b = Pixel(ref p, i);
            var next = Pixel(ref r, i + 3);
            var bc = b - c;
            var ac = a - c;
            var pa = Vector128.Abs(bc);
            var pb = Vector128.Abs(ac);
            var pc = Vector128.Abs(bc + ac);
            var pickA = Vector128.LessThanOrEqual(pa, pb) & Vector128.LessThanOrEqual(pa, pc);
            var predictor = Vector128.ConditionalSelect(pickA, a, Vector128.ConditionalSelect(Vector128.LessThanOrEqual(pb, pc), b, c));
            a = (x + predictor) & low;
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref r, i), Vector128.Narrow(a.AsUInt16(), a.AsUInt16()).AsUInt32().ToScalar());
            (c, x) = (b, next);
        }
        row[i] = (byte)x.ToScalar(); // the filtered byte the last 4-byte store wrote over
        for (; i < n; i++) row[i] += PaethSelect(row[i - 3], previous[i], previous[i - 3]);

        // Bytes k .. k + 3 in the low four 16-bit lanes.
        static Vector128<short> Pixel(ref byte bytes, int k) =>
            Vector128.WidenLower(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref bytes, k))).AsByte()).AsInt16();
    }

    /// <summary>
    /// Paeth unfiltering of RGB rows: the three channels' chains (each byte waits for the one a pixel
    /// before) advance together, with the left and upper-left pixels kept in locals rather than read
    /// back from the row just written.
    /// </summary>
    private static void UnfilterPaeth3(Span<byte> row, ReadOnlySpan<byte> previous)
    {
        int n = row.Length;
        if (n < 3 || previous.Length < n) return;
        int a0 = row[0], a1 = row[1], a2 = row[2], c0 = previous[0], c1 = previous[1], c2 = previous[2];
        for (int i = 3; i + 2 < n; i += 3)
        {
            int b0 = previous[i], b1 = previous[i + 1], b2 = previous[i + 2];
            a0 = (byte)(row[i] + PaethSelect((byte)a0, (byte)b0, (byte)c0));
            a1 = (byte)(row[i + 1] + PaethSelect((byte)a1, (byte)b1, (byte)c1));
            a2 = (byte)(row[i + 2] + PaethSelect((byte)a2, (byte)b2, (byte)c2));
            row[i] = (byte)a0;
            row[i + 1] = (byte)a1;
            row[i + 2] = (byte)a2;
            (c0, c1, c2) = (b0, b1, b2);
        }
        for (int i = n - n % 3; i < n; i++) row[i] += PaethSelect(row[i - 3], previous[i], previous[i - 3]); // a partial last pixel: none in a valid row
    }

    /// <summary>
    /// <see cref="Paeth"/> without branches (selects instead): photos choose among a, b and c at
    /// random, so the branches of the plain form miss half the time, and unfiltering, where each
    /// byte waits for the one a pixel before, took 12 ns a byte.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static byte PaethSelect(byte a, byte b, byte c)
    {
        int pa = Abs(b - c), pb = Abs(a - c), pc = Abs(a + b - 2 * c);
        int notA = ((pb - pa) | (pc - pa)) >> 31; // all ones unless pa <= pb and pa <= pc
        int takeC = (pc - pb) >> 31; // all ones when pb > pc
        int bOrC = (b & ~takeC) | (c & takeC);
        return (byte)((a & ~notA) | (bOrC & notA));
    }

    /// <summary>|x| by arithmetic (Math.Abs checks for int.MinValue, which these differences never reach).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Abs(int x) => (x ^ (x >> 31)) - (x >> 31);

    public static byte Paeth(byte a, byte b, byte c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc) return a;
        return pb <= pc ? b : c;
    }
}
