namespace SuperRes.Imaging.Jpeg;

/// <summary>A Huffman table from a DHT segment: a 9-bit lookahead table plus per-length limits for longer codes.</summary>
internal sealed class JpegHuffmanTable
{
    public const int LookaheadBits = 9;

    // (length << 8 | symbol) for codes of at most LookaheadBits bits; 0 when the prefix needs the slow path.
    private readonly ushort[] _lookahead = new ushort[1 << LookaheadBits];
    private readonly int[] _maxCode = new int[18];
    private readonly int[] _valueOffset = new int[17];
    private readonly byte[] _values;

    public JpegHuffmanTable(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> values)
    {
        _values = values.ToArray();
        int code = 0, k = 0;
        for (int length = 1; length <= 16; length++)
        {
            int n = counts[length - 1];
            _valueOffset[length] = k - code;
            for (int i = 0; i < n; i++, k++, code++)
            {
                if (code >= 1 << length) throw new ImageFormatException("bad Huffman table (code lengths overflow)");
                if (length <= LookaheadBits)
                {
                    int shift = LookaheadBits - length;
                    for (int fill = 0; fill < 1 << shift; fill++)
                        _lookahead[(code << shift) | fill] = (ushort)(length << 8 | _values[k]);
                }
            }
            _maxCode[length] = n == 0 ? -1 : code - 1;
            code <<= 1;
        }
        _maxCode[17] = int.MaxValue; // sentinel
    }

    /// <summary>Decodes one symbol.</summary>
    public int Decode(JpegBitReader reader)
    {
        int entry = _lookahead[reader.Peek(LookaheadBits)];
        if (entry != 0)
        {
            reader.Skip(entry >> 8);
            return entry & 0xFF;
        }
        for (int length = LookaheadBits + 1; length <= 16; length++)
        {
            int code = reader.Peek(length);
            if (code <= _maxCode[length])
            {
                reader.Skip(length);
                int index = _valueOffset[length] + code;
                if ((uint)index >= (uint)_values.Length) break;
                return _values[index];
            }
        }
        throw new ImageFormatException("bad Huffman code in scan data (corrupt file)");
    }
}
