using System.Buffers.Binary;
using System.Text;

namespace SuperRes.Fuzz;

/// <summary>BMP and PNM edits: the header fields (sizes, depths, offsets, masks, maxval) set to values on the limits.</summary>
public static class HeaderMutator
{
    // (offset, size in bytes) of the BMP file and info header fields.
    private static readonly (int Offset, int Size)[] BmpFields =
        [(2, 4), (10, 4), (14, 4), (18, 4), (22, 4), (26, 2), (28, 2), (30, 4), (34, 4), (46, 4), (54, 4), (58, 4), (62, 4), (66, 4)];

    private static readonly int[] BmpHeaderSizes = [12, 40, 52, 56, 64, 108, 124, 0, 1, 255];
    private static readonly int[] BmpDepths = [0, 1, 2, 4, 8, 16, 24, 32, 64];

    public static byte[] MutateBmp(byte[] source, Random random)
    {
        var data = (byte[])source.Clone();
        var (offset, size) = BmpFields[random.Next(BmpFields.Length)];
        if (offset + size > data.Length) return Mutator.Bytes(data, random);
        long value = offset switch
        {
            14 => BmpHeaderSizes[random.Next(BmpHeaderSizes.Length)],
            28 => BmpDepths[random.Next(BmpDepths.Length)],
            30 => random.Next(8),
            _ => Mutator.PickInteresting(random),
        };
        if (size == 2) BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(offset), (ushort)value);
        else BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(offset), (uint)value);
        return data;
    }

    /// <summary>Rewrites one header token (magic, width, height, maxval) or inserts a comment or whitespace.</summary>
    public static byte[] MutatePnm(byte[] source, Random random)
    {
        // The header is the first four whitespace-separated tokens.
        int pos = 0;
        var tokens = new List<(int Start, int End)>();
        while (tokens.Count < 4 && pos < source.Length)
        {
            while (pos < source.Length && char.IsWhiteSpace((char)source[pos])) pos++;
            int start = pos;
            while (pos < source.Length && !char.IsWhiteSpace((char)source[pos])) pos++;
            tokens.Add((start, pos));
        }
        if (tokens.Count == 0) return Mutator.Bytes(source, random);
        int t = random.Next(tokens.Count);
        var (s, e) = tokens[t];
        string replacement = random.Next(6) switch
        {
            0 => t == 0 ? (random.Next(2) == 0 ? "P5" : "P6") : "#c\n" + Mutator.PickInteresting(random),
            1 => t == 3 ? random.Next(1, 65537).ToString() : Mutator.PickInteresting(random).ToString(),
            2 => "99999999999",
            3 => "",
            _ => Mutator.PickInteresting(random).ToString(),
        };
        return FileBuilder.Concat(source[..s], Encoding.ASCII.GetBytes(replacement), source[e..]);
    }
}
