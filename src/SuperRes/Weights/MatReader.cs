using System.Buffers.Binary;
using SuperRes.Compression;

namespace SuperRes.Weights;

/// <summary>
/// Parses MAT-file v5 data elements from a byte buffer. Every size read from the data is checked
/// against the bytes that remain before anything is allocated, so malformed input fails with a
/// <see cref="MatFileException"/> instead of an out-of-range access or a huge allocation.
/// </summary>
internal sealed partial class MatReader
{
    // Deflate cannot expand data by more than 1032:1, which bounds any claimed inflated size.
    private const long MaxDeflateRatio = ZlibDecoder.MaxRatio;
    private const int MaxDepth = 64;

    private readonly string _file;

    public MatReader(string file) => _file = file;

    private readonly record struct Element(MatDataType Type, int Start, int Size, int Next);

    /// <summary>
    /// Reads the top-level elements in [start, end): matrices, possibly compressed. A compressed element
    /// holds matrices only (MATLAB never nests compression), which also bounds what a file can inflate
    /// to: at most 1032 times its own size.
    /// </summary>
    public List<MatArray> ReadElements(byte[] buffer, int start, int end, string where) => ReadElements(buffer, start, end, where, inflated: false);

    private List<MatArray> ReadElements(byte[] buffer, int start, int end, string where, bool inflated)
    {
        var result = new List<MatArray>();
        int pos = start;
        while (pos < end)
        {
            var e = ReadTag(buffer, pos, end, where);
            if (e.Type == MatDataType.Compressed && inflated)
                throw Fail($"{where} offset {pos}: compressed element inside a compressed element (not written by MATLAB, refused).");
            if (e.Type == MatDataType.Compressed) result.AddRange(Inflate(buffer, e, where));
            else if (e.Type == MatDataType.Matrix) result.Add(ReadMatrix(buffer, e.Start, e.Start + e.Size, $"{where} offset {pos}", 0));
            else throw Fail($"{where} offset {pos}: top-level element of type {(uint)e.Type}, expected miMATRIX (14) or miCOMPRESSED (15).");
            pos = e.Next;
        }
        return result;
    }

    private Element ReadTag(byte[] b, int pos, int end, string where)
    {
        if (end - pos < 8) throw Fail($"{where} offset {pos}: truncated element tag ({end - pos} of 8 bytes).");
        uint first = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(pos));
        if ((first >> 16) != 0)
        {
            // Small data element: type and size share the first word, data fits the second.
            int smallSize = (int)(first >> 16);
            if (smallSize > 4) throw Fail($"{where} offset {pos}: small element claims {smallSize} bytes, at most 4 fit.");
            return new Element((MatDataType)(first & 0xFFFF), pos + 4, smallSize, pos + 8);
        }
        uint size = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(pos + 4));
        int start = pos + 8;
        if (size > (uint)(end - start))
            throw Fail($"{where} offset {pos}: element of type {first} claims {size} bytes but only {end - start} remain.");
        long next = start + (long)size;
        // Elements are padded to 8 bytes, except compressed ones; the last one may lack its padding.
        if ((MatDataType)first != MatDataType.Compressed) next = Math.Min((next + 7) & ~7L, end);
        return new Element((MatDataType)first, start, (int)size, (int)next);
    }

    private List<MatArray> Inflate(byte[] b, Element e, string where)
    {
        string inner = $"compressed element at {where} offset {e.Start - 8}";
        try
        {
            using var zlib = new ZlibDecoder(b, e.Start, e.Size);
            var tag = new byte[8];
            ReadExactly(zlib, tag, inner);
            uint first = BinaryPrimitives.ReadUInt32LittleEndian(tag);
            long total = (first >> 16) != 0 ? 8 : 8 + (long)BinaryPrimitives.ReadUInt32LittleEndian(tag.AsSpan(4));
            if (total > e.Size * MaxDeflateRatio + 64 || total > Array.MaxLength)
                throw Fail($"{inner}: inflated element claims {total} bytes, impossible from {e.Size} compressed bytes.");
            var data = new byte[total];
            tag.CopyTo(data, 0);
            ReadExactly(zlib, data.AsMemory(8), inner);
            zlib.ReadToEnd(e.Size * MaxDeflateRatio); // checks the Adler-32 trailer
            return ReadElements(data, 0, data.Length, inner, inflated: true);
        }
        catch (InvalidDataException ex)
        {
            throw new MatFileException(_file, $"{inner}: corrupt zlib stream: {ex.Message}.", ex);
        }
    }

    private void ReadExactly(Stream s, Memory<byte> into, string where)
    {
        int done = 0;
        while (done < into.Length)
        {
            int n = s.Read(into.Span[done..]);
            if (n == 0) throw Fail($"{where}: zlib stream ends after {done} of {into.Length} bytes.");
            done += n;
        }
    }

    private MatFileException Fail(string problem) => new(_file, problem);
}
