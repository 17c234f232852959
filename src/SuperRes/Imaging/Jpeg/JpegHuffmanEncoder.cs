namespace SuperRes.Imaging.Jpeg;

/// <summary>Code words of one Huffman table (from its DHT counts and values), for <see cref="JpegEncoder"/>.</summary>
internal sealed class JpegHuffmanEncoder
{
    private readonly ushort[] _codes = new ushort[256];
    private readonly byte[] _lengths = new byte[256];

    public JpegHuffmanEncoder(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> values)
    {
        Counts = counts.ToArray();
        Values = values.ToArray();
        int code = 0, k = 0;
        for (int length = 1; length <= 16; length++)
        {
            for (int i = 0; i < counts[length - 1]; i++, k++, code++)
            {
                _codes[values[k]] = (ushort)code;
                _lengths[values[k]] = (byte)length;
            }
            code <<= 1;
        }
    }

    public byte[] Counts { get; }
    public byte[] Values { get; }

    public void Write(JpegBitWriter writer, int symbol)
    {
        int length = _lengths[symbol];
        if (length == 0) throw new InvalidOperationException($"Huffman symbol 0x{symbol:X2} has no code.");
        writer.Write(_codes[symbol], length);
    }
}
