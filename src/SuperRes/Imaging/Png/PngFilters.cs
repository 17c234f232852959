using System.Runtime.Intrinsics;

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
                for (int i = bpp; i < n; i++) row[i] += Paeth(row[i - bpp], previous[i], previous[i - bpp]);
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

    public static byte Paeth(byte a, byte b, byte c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc) return a;
        return pb <= pc ? b : c;
    }
}
