using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SuperRes.Compression;

/// <summary>
/// A fast deflate encoder (RFC 1951) for filtered image rows: the only matches it looks for are
/// runs of one repeated byte (distance 1, at least 3 long), which is what filtered rows repeat, and
/// a piece of input becomes one block with Huffman codes made for it, or stored blocks where those
/// would not be smaller. This is zlib's run-length strategy (Z_RLE), written for speed: runs are
/// found 64 bytes at a time by comparing each byte with the one before, and codes are written
/// three at a time into a 64-bit word. zlib-ng's own Z_RLE deflates filtered upscales at about
/// 100-110 MB/s a core; this encoder's figures are in docs/RESULTS.md.
/// </summary>
internal static class RunLengthDeflater
{
    private const int MinRun = 3, MaxRun = 258;
    private const int EndOfBlock = 256, LiteralLengthSymbols = 286, DistanceSymbols = 30;
    private const int MaxStoredBlock = 65535;

    /// <summary>The longest piece <see cref="Deflate"/> takes: its scratch buffer (twice the piece) must stay an array.</summary>
    public const int MaxPiece = 256 << 20;


    /// <summary>The widest vector this machine runs, in bits (0: none): the run search compares that many bytes at once.</summary>
    private static readonly int WidestVector =
        Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 0;

    /// <summary>
    /// Per match length 3..258: its symbol (257..285) in the low 9 bits, its extra bits' count in the
    /// next 3, and their value above. Plain ints, like the runs: arrays of a struct of our own would be
    /// generic instantiations that only the JIT can make, at the first image of every run of the tool.
    /// </summary>
    private static readonly int[] LengthCodes = BuildLengthCodes();

    /// <summary>
    /// Deflates <paramref name="data"/> into raw deflate data that ends on a byte boundary: the last
    /// block when <paramref name="final"/>, otherwise followed by an empty stored block (a sync flush),
    /// so that another piece's deflate data can follow it. It refers to nothing before the piece.
    /// </summary>
    public static byte[] Deflate(ReadOnlySpan<byte> data, bool final)
    {
        if (data.IsEmpty) return final ? [0x03, 0x00] : []; // an empty final block with the fixed code
        if (data.Length > MaxPiece) throw new ArgumentOutOfRangeException(nameof(data), $"A piece of {data.Length} bytes is over the {MaxPiece} this encoder takes at once.");
        var runs = ArrayPool<int>.Shared.Rent(2 * (data.Length / MinRun + 1));
        // Header (at most 3 + 14 + 19 * 3 + 316 * 7 bits), at most 15 bits a literal, at most 21 a run, the sync flush.
        var scratch = ArrayPool<byte>.Shared.Rent(2 * data.Length + 512 + DeflateBitWriter.Slack);
        try
        {
            int runCount = FindRuns(data, runs, WidestVector);
            int length = Encode(data, runs.AsSpan(0, 2 * runCount), final, scratch);
            return scratch.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<int>.Shared.Return(runs);
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// The runs deflate will code as matches, in order, as pairs in <paramref name="runs"/>: where each
    /// starts, and its length (3 to 258); the bytes between them are literals. Returns how many runs.
    /// A run is a stretch of at least 3 bytes that each equal the one before, as long as it goes on
    /// (split at 258): first a bit per byte says whether it equals the one before, compared
    /// <paramref name="vectorBits"/> / 8 at a time (512, 256, 128 where this machine runs such vectors;
    /// anything else one by one), 64 per word; then runs are read off those words with bit operations.
    /// Filtered upscales hold a run every 15 bytes or so: a search that stops at each one must cost little.
    /// </summary>
    internal static int FindRuns(ReadOnlySpan<byte> data, Span<int> runs, int vectorBits)
    {
        int n = data.Length;
        if (n < MinRun + 1) return 0; // a run starts at 1 at the earliest and needs 3 bytes
        int words = (n + 63) >> 6;
        var rented = ArrayPool<ulong>.Shared.Rent(words + 1);
        try
        {
            var same = rented.AsSpan(0, words + 1);
            SameAsPreviousBits(data, same[..words], vectorBits);
            same[words] = 0; // past the end nothing equals: every run ends by then
            return RunsFromBits(same, runs);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(rented);
        }
    }

    /// <summary>Bit k of word w: byte 64 w + k equals the one before (byte 0 has none; bits past the end are clear).</summary>
    private static void SameAsPreviousBits(ReadOnlySpan<byte> data, Span<ulong> words, int vectorBits)
    {
        int n = data.Length;
        ref byte d = ref MemoryMarshal.GetReference(data);
        int w = 0;
        if (n >= 65)
        {
            // Word 0 from the window at 1, moved up a place: bit 0 stays clear, byte 64 is word 1's.
            words[0] = SameAsPrevious(ref d, 1, vectorBits) << 1;
            for (w = 1; 64 * w + 64 <= n; w++) words[w] = SameAsPrevious(ref d, 64 * w, vectorBits);
        }
        for (; w < words.Length; w++)
        {
            ulong bits = 0;
            for (int k = 0, i = 64 * w; k < 64 && i < n; k++, i++)
                if (i > 0 && Unsafe.Add(ref d, i) == Unsafe.Add(ref d, i - 1)) bits |= 1UL << k;
            words[w] = bits;
        }
    }

    /// <summary>
    /// The runs of <see cref="FindRuns"/> from the equal-to-previous bits (<paramref name="same"/>, with a
    /// last word of zeros): a run starts where 3 bits in a row are set, and goes on to the next clear bit.
    /// </summary>
    private static int RunsFromBits(ReadOnlySpan<ulong> same, Span<int> runs)
    {
        int words = same.Length - 1, count = 0, w = 0;
        ref ulong bits = ref MemoryMarshal.GetReference(same);
        ulong s = bits, starts = Starts(s, Unsafe.Add(ref bits, 1));
        while (true)
        {
            if (starts == 0)
            {
                if (++w >= words) return count;
                s = Unsafe.Add(ref bits, w);
                starts = Starts(s, Unsafe.Add(ref bits, w + 1));
                continue;
            }
            int k = BitOperations.TrailingZeroCount(starts), start = 64 * w + k;
            // The run goes on to the first byte at or after start + 3 that differs from the one before:
            // mostly in the same word; otherwise the words after it are searched and the search goes on from there.
            ulong differs = k + MinRun < 64 ? ~s & (~0UL << (k + MinRun)) : 0;
            int end;
            if (differs != 0)
            {
                int e = BitOperations.TrailingZeroCount(differs);
                end = 64 * w + e;
                starts &= ~0UL << e;
            }
            else
            {
                int ew = (start + MinRun) >> 6;
                differs = ~Unsafe.Add(ref bits, ew) & (~0UL << ((start + MinRun) & 63));
                while (differs == 0) differs = ~Unsafe.Add(ref bits, ++ew);
                end = 64 * ew + BitOperations.TrailingZeroCount(differs);
                w = end >> 6;
                if (w >= words) starts = 0;
                else
                {
                    s = Unsafe.Add(ref bits, w);
                    starts = Starts(s, Unsafe.Add(ref bits, w + 1)) & (~0UL << (end & 63));
                }
            }
            for (int left = end - start; left >= MinRun; left -= MaxRun, start += MaxRun)
            {
                runs[2 * count] = start;
                runs[2 * count++ + 1] = Math.Min(left, MaxRun);
            }
        }

        // Bit k: bytes k, k + 1 and k + 2 of a word each equal the one before (the next word's bits for the last two).
        static ulong Starts(ulong s, ulong next) => s & (s >> 1 | next << 63) & (s >> 2 | next << 62);
    }

    /// <summary>The plain search: byte by byte, the specification of <see cref="FindRuns"/>.</summary>
    internal static int FindRunsReference(ReadOnlySpan<byte> data, Span<int> runs)
    {
        int n = data.Length, count = 0, i = 1;
        while (i + MinRun <= n)
        {
            if (data[i] != data[i - 1] || data[i + 1] != data[i] || data[i + 2] != data[i + 1])
            {
                i++;
                continue;
            }
            int end = i + MinRun;
            while (end < n && data[end] == data[end - 1]) end++;
            int start = i, left = end - i;
            for (; left >= MinRun; left -= Math.Min(left, MaxRun), start += MaxRun)
            {
                runs[2 * count] = start;
                runs[2 * count++ + 1] = Math.Min(left, MaxRun);
            }
            i = end;
        }
        return count;
    }

    /// <summary>Bit k set when byte i + k equals byte i + k - 1, for k = 0..63 (i at least 1, i + 64 at most the length).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SameAsPrevious(ref byte d, int i, int vectorBits)
    {
        if (vectorBits == 512 && Vector512.IsHardwareAccelerated)
            return Vector512.Equals(Vector512.LoadUnsafe(ref d, (nuint)i), Vector512.LoadUnsafe(ref d, (nuint)(i - 1))).ExtractMostSignificantBits();
        if (vectorBits == 256 && Vector256.IsHardwareAccelerated)
        {
            ulong low = Vector256.Equals(Vector256.LoadUnsafe(ref d, (nuint)i), Vector256.LoadUnsafe(ref d, (nuint)(i - 1))).ExtractMostSignificantBits();
            ulong high = Vector256.Equals(Vector256.LoadUnsafe(ref d, (nuint)(i + 32)), Vector256.LoadUnsafe(ref d, (nuint)(i + 31))).ExtractMostSignificantBits();
            return low | high << 32;
        }
        if (vectorBits == 128 && Vector128.IsHardwareAccelerated)
        {
            ulong mask = 0;
            for (int k = 0; k < 64; k += 16)
                mask |= (ulong)Vector128.Equals(Vector128.LoadUnsafe(ref d, (nuint)(i + k)), Vector128.LoadUnsafe(ref d, (nuint)(i + k - 1))).ExtractMostSignificantBits() << k;
            return mask;
        }
        ulong bits = 0;
        for (int k = 0; k < 64; k++)
            if (Unsafe.Add(ref d, i + k) == Unsafe.Add(ref d, i + k - 1)) bits |= 1UL << k;
        return bits;
    }

    /// <summary>Writes the piece into <paramref name="output"/> as one block with its own codes, or as stored blocks when smaller; returns the bytes written.</summary>
    private static int Encode(ReadOnlySpan<byte> data, ReadOnlySpan<int> runs, bool final, Span<byte> output)
    {
        Span<int> literalFrequencies = stackalloc int[LiteralLengthSymbols];
        literalFrequencies.Clear();
        CountLiterals(data, runs, literalFrequencies);
        literalFrequencies[EndOfBlock] = 1;
        for (int k = 1; k < runs.Length; k += 2) literalFrequencies[Symbol(runs[k])]++;

        Span<byte> literalLengths = stackalloc byte[LiteralLengthSymbols];
        HuffmanCode.Lengths(literalFrequencies, 15, literalLengths);
        // Distance 1 is the only distance; two 1-bit codes keep the distance code complete.
        Span<byte> distanceLengths = stackalloc byte[DistanceSymbols];
        distanceLengths.Clear();
        distanceLengths[0] = distanceLengths[1] = 1;

        int literalCount = LiteralLengthSymbols;
        while (literalLengths[literalCount - 1] == 0) literalCount--;
        const int distanceCount = 2;
        var header = new CodeLengthHeader(literalLengths[..literalCount], distanceLengths[..distanceCount]);

        long bits = 3 + header.Bits;
        for (int s = 0; s < LiteralLengthSymbols; s++) bits += (long)literalFrequencies[s] * literalLengths[s];
        for (int k = 1; k < runs.Length; k += 2) bits += ExtraBits(runs[k]) + 1;
        long storedBytes = data.Length + 5L * ((data.Length + MaxStoredBlock - 1) / MaxStoredBlock);
        long dynamicBytes = (bits + 7) / 8 + (final ? 0 : 5);
        if (storedBytes <= dynamicBytes) return Store(data, final, output);

        Span<ushort> literalCodes = stackalloc ushort[LiteralLengthSymbols];
        HuffmanCode.ReversedCodes(literalLengths, literalCodes);
        Span<uint> literalTable = stackalloc uint[256];
        for (int s = 0; s < 256; s++) literalTable[s] = literalCodes[s] | (uint)literalLengths[s] << 16;
        // A run in one go: its length's code, extra bits, and the 1-bit code 0 of distance 1.
        Span<uint> runBits = stackalloc uint[MaxRun + 1];
        Span<byte> runBitCounts = stackalloc byte[MaxRun + 1];
        for (int length = MinRun; length <= MaxRun; length++)
        {
            int symbol = Symbol(length), extraBits = ExtraBits(length), extra = LengthCodes[length] >> 12;
            runBits[length] = literalCodes[symbol] | (uint)extra << literalLengths[symbol];
            runBitCounts[length] = (byte)(literalLengths[symbol] + extraBits + 1);
        }

        var writer = new DeflateBitWriter(output);
        writer.Write(final ? 1u : 0u, 1);
        writer.Write(2, 2); // dynamic Huffman codes
        header.Write(ref writer, literalCount - 257, distanceCount - 1);
        writer.WriteLiteralsAndRuns(data, runs, literalTable, runBits, runBitCounts);
        writer.Write(literalCodes[EndOfBlock], literalLengths[EndOfBlock]);
        if (!final)
        {
            writer.Write(0, 3); // an empty stored block, not the last: the sync flush's 00 00 FF FF
            writer.AlignToByte();
            writer.WriteBytes([0x00, 0x00, 0xFF, 0xFF]);
        }
        writer.AlignToByte();
        return writer.Position;
    }

    /// <summary>The piece as stored blocks of at most 65,535 bytes, the last one final when <paramref name="final"/>.</summary>
    private static int Store(ReadOnlySpan<byte> data, bool final, Span<byte> output)
    {
        int position = 0;
        for (int offset = 0; offset < data.Length; offset += MaxStoredBlock)
        {
            int length = Math.Min(MaxStoredBlock, data.Length - offset);
            bool last = offset + length == data.Length;
            output[position++] = (byte)(last && final ? 1 : 0); // BFINAL, BTYPE 00, padding to the byte
            output[position++] = (byte)length;
            output[position++] = (byte)(length >> 8);
            output[position++] = (byte)~length;
            output[position++] = (byte)(~length >> 8);
            data.Slice(offset, length).CopyTo(output[position..]);
            position += length;
        }
        return position;
    }

    /// <summary>
    /// Adds the literal bytes (those outside the runs) to <paramref name="frequencies"/>: every byte is
    /// counted in one pass, then each run's bytes taken off (they all equal its first byte). Counting
    /// the stretches between runs one by one cost more than the counts, as upscales have so many runs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // JIT-compiled for this CPU, as DeflateBitWriter.WriteLiteralsAndRuns
    private static void CountLiterals(ReadOnlySpan<byte> data, ReadOnlySpan<int> runs, Span<int> frequencies)
    {
        // Four tables, so that repeated bytes do not wait on each other's increments.
        Span<int> tables = stackalloc int[4 * 256];
        tables.Clear();
        ref int t = ref MemoryMarshal.GetReference(tables);
        ref byte b = ref MemoryMarshal.GetReference(data);
        int i = 0, n = data.Length;
        for (; i + 4 <= n; i += 4)
        {
            Unsafe.Add(ref t, Unsafe.Add(ref b, i))++;
            Unsafe.Add(ref t, 256 + Unsafe.Add(ref b, i + 1))++;
            Unsafe.Add(ref t, 512 + Unsafe.Add(ref b, i + 2))++;
            Unsafe.Add(ref t, 768 + Unsafe.Add(ref b, i + 3))++;
        }
        for (; i < n; i++) Unsafe.Add(ref t, Unsafe.Add(ref b, i))++;
        for (int k = 0; k < runs.Length; k += 2) Unsafe.Add(ref t, Unsafe.Add(ref b, runs[k])) -= runs[k + 1];
        for (int s = 0; s < 256; s++) frequencies[s] += tables[s] + tables[256 + s] + tables[512 + s] + tables[768 + s];
    }

    private static int Symbol(int length) => LengthCodes[length] & 0x1FF;

    private static int ExtraBits(int length) => (LengthCodes[length] >> 9) & 7;

    private static int[] BuildLengthCodes()
    {
        // RFC 1951 §3.2.5: symbols 257..284 cover lengths from 3 in groups of 4 per extra bit count; 285 is 258.
        var table = new int[MaxRun + 1];
        int length = MinRun;
        for (int symbol = 257; symbol < 285; symbol++)
        {
            int extraBits = symbol < 265 ? 0 : (symbol - 261) / 4;
            for (int extra = 0; extra < 1 << extraBits; extra++, length++) table[length] = symbol | extraBits << 9 | extra << 12;
        }
        table[MaxRun] = 285;
        return table;
    }
}
