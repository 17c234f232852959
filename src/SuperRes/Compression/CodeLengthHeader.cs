namespace SuperRes.Compression;

/// <summary>
/// The header of a dynamic deflate block (RFC 1951 §3.2.7) after its first 3 bits: the literal/length
/// and distance code lengths, run-length coded (16 repeats the previous length 3-6 times, 17 and 18
/// give 3-10 and 11-138 zeros), then coded with a Huffman code of their own, whose lengths come
/// first in a fixed order.
/// </summary>
internal sealed class CodeLengthHeader
{
    private const int Symbols = 19, MaxBits = 7;

    private static ReadOnlySpan<byte> Order => [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

    /// <summary>The coded lengths: symbol in the low byte, extra bits' value above (ints, not tuples: see <see cref="RunLengthDeflater"/>'s tables).</summary>
    private readonly int[] _tokens;
    private int _tokenCount;
    private readonly byte[] _lengths = new byte[Symbols];
    private readonly ushort[] _codes = new ushort[Symbols];
    private readonly int _orderCount;

    public CodeLengthHeader(ReadOnlySpan<byte> literalLengths, ReadOnlySpan<byte> distanceLengths)
    {
        var all = new byte[literalLengths.Length + distanceLengths.Length];
        _tokens = new int[all.Length];
        literalLengths.CopyTo(all);
        distanceLengths.CopyTo(all.AsSpan(literalLengths.Length));
        Tokenize(all);

        var frequencies = new int[Symbols];
        for (int k = 0; k < _tokenCount; k++) frequencies[_tokens[k] & 0xFF]++;
        HuffmanCode.Lengths(frequencies, MaxBits, _lengths);
        HuffmanCode.ReversedCodes(_lengths, _codes);
        _orderCount = Symbols;
        while (_orderCount > 4 && _lengths[Order[_orderCount - 1]] == 0) _orderCount--;

        Bits = 5 + 5 + 4 + 3 * _orderCount;
        for (int k = 0; k < _tokenCount; k++) Bits += _lengths[_tokens[k] & 0xFF] + ExtraBits(_tokens[k] & 0xFF);
    }

    /// <summary>The header's size in bits (HLIT, HDIST, HCLEN, the code-length code, the coded lengths).</summary>
    public long Bits { get; }

    /// <summary>Writes the header, from HLIT on.</summary>
    /// <param name="writer">Where the bits go.</param>
    /// <param name="literalCountMinus257">HLIT: literal/length codes given, less 257.</param>
    /// <param name="distanceCountMinus1">HDIST: distance codes given, less 1.</param>
    public void Write(ref DeflateBitWriter writer, int literalCountMinus257, int distanceCountMinus1)
    {
        writer.Write((uint)literalCountMinus257, 5);
        writer.Write((uint)distanceCountMinus1, 5);
        writer.Write((uint)(_orderCount - 4), 4);
        for (int k = 0; k < _orderCount; k++) writer.Write(_lengths[Order[k]], 3);
        for (int k = 0; k < _tokenCount; k++)
        {
            int symbol = _tokens[k] & 0xFF, extraBits = ExtraBits(symbol);
            writer.Write(_codes[symbol], _lengths[symbol]);
            if (extraBits > 0) writer.Write((uint)(_tokens[k] >> 8), extraBits);
        }
    }

    private static int ExtraBits(int symbol) => symbol switch { 16 => 2, 17 => 3, 18 => 7, _ => 0 };

    private void Add(int symbol, int extra = 0) => _tokens[_tokenCount++] = symbol | extra << 8;

    private void Tokenize(byte[] lengths)
    {
        for (int i = 0; i < lengths.Length;)
        {
            byte length = lengths[i];
            int run = 1;
            while (i + run < lengths.Length && lengths[i + run] == length) run++;
            i += run;
            if (length == 0)
            {
                for (; run >= 11; run -= Math.Min(run, 138)) Add(18, Math.Min(run, 138) - 11);
                if (run >= 3)
                {
                    Add(17, run - 3);
                    run = 0;
                }
                for (; run > 0; run--) Add(0);
                continue;
            }
            Add(length);
            run--;
            for (; run >= 3; run -= Math.Min(run, 6)) Add(16, Math.Min(run, 6) - 3);
            for (; run > 0; run--) Add(length);
        }
    }
}
