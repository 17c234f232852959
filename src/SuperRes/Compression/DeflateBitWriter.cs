using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SuperRes.Compression;

/// <summary>
/// Writes deflate's bit stream (RFC 1951 §3.1.1: from the low bit of each byte up) into a buffer
/// sized beforehand: bits gather in a 64-bit word that is stored 8 bytes at a time, so the buffer
/// needs 8 bytes of room past the last byte written.
/// </summary>
internal ref struct DeflateBitWriter(Span<byte> buffer)
{
    /// <summary>Room the buffer needs past the data, for the 8-byte stores.</summary>
    public const int Slack = 8;

    private readonly Span<byte> _buffer = buffer;
    private int _position;
    private ulong _bits;
    private int _count;

    /// <summary>Whole bytes written so far (after <see cref="AlignToByte"/>, all of them).</summary>
    public readonly int Position => _position;

    /// <summary>Appends the low <paramref name="count"/> bits of <paramref name="value"/> (count at most 32).</summary>
    public void Write(uint value, int count)
    {
        _bits |= (ulong)value << _count;
        _count += count;
        Flush();
    }

    /// <summary>
    /// Appends <paramref name="data"/> as literals and runs. <paramref name="table"/> holds, per byte
    /// value, its reversed code in the low 16 bits and its length (at most 15) above them;
    /// <paramref name="runs"/> holds pairs of a run's start and length, in order, and a run of length L
    /// is written as the <paramref name="runBitCounts"/>[L] low bits of <paramref name="runBits"/>[L]
    /// (at most 21). One loop with the state in locals for the whole piece: the stretches of literals
    /// between runs are short in upscales (9 bytes on average), and a call for each cost as much as its codes.
    /// </summary>
    // Compiled by the JIT for this CPU, never taken from the ReadyToRun image: that one targets a
    // baseline x64 without BMI2, whose variable shifts (this loop's chain) are several times slower,
    // and a PNG's few dozen pieces end before tiering would replace it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void WriteLiteralsAndRuns(scoped ReadOnlySpan<byte> data, scoped ReadOnlySpan<int> runs, scoped ReadOnlySpan<uint> table,
        scoped ReadOnlySpan<uint> runBits, scoped ReadOnlySpan<byte> runBitCounts)
    {
        if (table.Length < 256) throw new ArgumentException("A code per byte value is needed.", nameof(table));
        if (runBits.Length != runBitCounts.Length) throw new ArgumentException("A bit count per run code is needed.", nameof(runBitCounts));
        if (data.IsEmpty)
        {
            // Nothing to write; the loop below reads up to two bytes ahead of a stretch, clamped to the last one.
            if (!runs.IsEmpty) throw new ArgumentException("Runs must lie in the data, in order.", nameof(runs));
            return;
        }
        // Up to 31 bits may be pending (Write stores only from 32): store them first, so that at most 7
        // are left, and three codes (45 bits) always fit on top in the 64-bit word.
        if (_count >= 8) StoreBits();
        ref byte output = ref MemoryMarshal.GetReference(_buffer);
        ref byte input = ref MemoryMarshal.GetReference(data);
        ref uint codes = ref MemoryMarshal.GetReference(table);
        ulong bits = _bits;
        int count = _count, position = _position, n = data.Length, next = 0;
        // At most 15 bits a byte, and a run's code at most 21 bits for its 3 bytes or more.
        if (position + 2L * n + 1 + Slack > _buffer.Length) throw new ArgumentException("The buffer is too small for these codes.", nameof(data));
        for (int k = 0; k <= runs.Length; k += 2)
        {
            int end = k < runs.Length ? runs[k] : n;
            if ((uint)end > (uint)n || end < next) throw new ArgumentException("Runs must lie in the data, in order.", nameof(runs));
            int i = next;
            // At most 7 bits pending here: three codes (45 bits) fit on top.
            for (; i + 3 <= end; i += 3)
            {
                uint a = Unsafe.Add(ref codes, Unsafe.Add(ref input, i));
                uint b = Unsafe.Add(ref codes, Unsafe.Add(ref input, i + 1));
                uint c = Unsafe.Add(ref codes, Unsafe.Add(ref input, i + 2));
                bits |= (ulong)(a & 0xFFFF) << count;
                count += (int)(a >> 16);
                bits |= (ulong)(b & 0xFFFF) << count;
                count += (int)(b >> 16);
                bits |= (ulong)(c & 0xFFFF) << count;
                count += (int)(c >> 16);
                Store(ref output, position, bits);
                position += count >> 3;
                bits >>= count & 56;
                count &= 7;
            }
            // Up to two more literals (30 bits) and the run (21): 58 bits with the 7 pending, then one store.
            // Without branches: a literal that is not there has the empty code (masks from the count
            // left, indices kept in the data), as their number changes from one stretch to the next.
            int rest = end - i, last = n - 1;
            uint first = Unsafe.Add(ref codes, Unsafe.Add(ref input, Math.Min(i, last))) & (uint)((0 - rest) >> 31);
            uint second = Unsafe.Add(ref codes, Unsafe.Add(ref input, Math.Min(i + 1, last))) & (uint)((1 - rest) >> 31);
            bits |= (ulong)(first & 0xFFFF) << count;
            count += (int)(first >> 16);
            bits |= (ulong)(second & 0xFFFF) << count;
            count += (int)(second >> 16);
            if (k < runs.Length)
            {
                int length = runs[k + 1];
                if ((uint)length >= (uint)runBits.Length || end + length > n) throw new ArgumentException("A run lies outside the data or has no code.", nameof(runs));
                bits |= (ulong)runBits[length] << count;
                count += runBitCounts[length];
                next = end + length;
            }
            Store(ref output, position, bits);
            position += count >> 3;
            bits >>= count & 56;
            count &= 7;
        }
        (_bits, _count, _position) = (bits, count, position);
    }

    /// <summary>Pads with zero bits to the next byte boundary.</summary>
    public void AlignToByte()
    {
        _count = (_count + 7) & ~7;
        if (_count == 0) return;
        StoreBits();
    }

    /// <summary>Appends whole bytes; the writer must be on a byte boundary.</summary>
    public void WriteBytes(scoped ReadOnlySpan<byte> bytes)
    {
        if (_count != 0) throw new InvalidOperationException("Not on a byte boundary.");
        bytes.CopyTo(_buffer[_position..]);
        _position += bytes.Length;
    }

    private void Flush()
    {
        if (_count >= 32) StoreBits();
    }

    /// <summary>Stores the whole bytes gathered, keeping the odd bits.</summary>
    private void StoreBits()
    {
        if (_position + Slack > _buffer.Length) throw new InvalidOperationException("The buffer is too small.");
        Store(ref MemoryMarshal.GetReference(_buffer), _position, _bits);
        _position += _count >> 3;
        _bits = _count >= 64 ? 0 : _bits >> (_count & 56);
        _count &= 7;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref byte output, int position, ulong bits) =>
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref output, position), BitConverter.IsLittleEndian ? bits : BinaryPrimitives.ReverseEndianness(bits));
}
