using SuperRes.Compression;

namespace SuperRes.Tests.Compression;

public sealed class HuffmanCodeTests
{
    [Theory]
    [InlineData(286, 15, 1)]
    [InlineData(286, 15, 2)]
    [InlineData(19, 7, 3)]
    [InlineData(30, 15, 4)]
    [InlineData(2, 1, 5)]
    public void Lengths_OfRandomFrequencies_AreHuffmans_AndComplete(int symbols, int maxBits, int seed)
    {
        var rng = new Random(seed);
        var frequencies = Enumerable.Range(0, symbols).Select(_ => rng.Next(3) == 0 ? 0 : rng.Next(1, 1000)).ToArray();
        frequencies[0] = frequencies[^1] = 1;
        var lengths = new byte[symbols];
        HuffmanCode.Lengths(frequencies, maxBits, lengths);

        AssertComplete(frequencies, lengths, maxBits);
        var reference = ReferenceHuffmanLengths(frequencies);
        if (reference.Max() <= maxBits) Assert.Equal(Cost(frequencies, reference), Cost(frequencies, lengths));
    }

    [Theory]
    [InlineData(15)]
    [InlineData(7)]
    public void Lengths_OfFibonacciFrequencies_StayWithinTheLimit_AndComplete(int maxBits)
    {
        // Fibonacci frequencies make Huffman's tree a chain: 24 symbols reach depth 23, past the limit.
        var frequencies = new int[24];
        frequencies[0] = frequencies[1] = 1;
        for (int s = 2; s < frequencies.Length; s++) frequencies[s] = frequencies[s - 1] + frequencies[s - 2];
        Assert.True(ReferenceHuffmanLengths(frequencies).Max() > maxBits);
        var lengths = new byte[frequencies.Length];
        HuffmanCode.Lengths(frequencies, maxBits, lengths);

        AssertComplete(frequencies, lengths, maxBits);
        // The more frequent a symbol, the shorter (or equal) its code.
        for (int s = 1; s < frequencies.Length; s++) Assert.True(lengths[s] <= lengths[s - 1]);
        // Never better than unlimited Huffman, which is optimal.
        Assert.True(Cost(frequencies, lengths) >= Cost(frequencies, ReferenceHuffmanLengths(frequencies)));
    }

    [Fact]
    public void Lengths_OneUsedSymbol_GetsOneBit_BesideAnUnusedOne_SoTheCodeIsComplete()
    {
        var lengths = new byte[5];
        HuffmanCode.Lengths([0, 0, 9, 0, 0], 7, lengths);
        Assert.Equal([1, 0, 1, 0, 0], lengths);
        HuffmanCode.Lengths([4, 0, 0, 0, 0], 7, lengths);
        Assert.Equal([1, 1, 0, 0, 0], lengths);
        HuffmanCode.Lengths([0, 0, 0, 0, 0], 7, lengths);
        Assert.All(lengths, length => Assert.Equal(0, length));
    }

    [Fact]
    public void ReversedCodes_AreRfc1951sExample_BitReversed()
    {
        // RFC 1951 §3.2.2: lengths (3, 3, 3, 3, 3, 2, 4, 4) give 010, 011, 100, 101, 110, 00, 1110, 1111.
        var codes = new ushort[8];
        HuffmanCode.ReversedCodes([3, 3, 3, 3, 3, 2, 4, 4], codes);
        string[] expected = ["010", "011", "100", "101", "110", "00", "1110", "1111"];
        for (int s = 0; s < 8; s++)
            Assert.Equal(HuffmanCode.Reverse(Convert.ToInt32(expected[s], 2), expected[s].Length), codes[s]);
        Assert.Equal(0b011, HuffmanCode.Reverse(0b110, 3));
    }

    private static void AssertComplete(int[] frequencies, byte[] lengths, int maxBits)
    {
        double kraft = 0;
        for (int s = 0; s < frequencies.Length; s++)
        {
            Assert.True(frequencies[s] == 0 || lengths[s] > 0, $"symbol {s} is used but has no code");
            Assert.InRange(lengths[s], 0, maxBits);
            if (lengths[s] > 0) kraft += Math.Pow(2, -lengths[s]);
        }
        Assert.Equal(1.0, kraft, 12);
    }

    private static long Cost(int[] frequencies, byte[] lengths) => frequencies.Select((f, s) => (long)f * lengths[s]).Sum();

    /// <summary>Textbook Huffman: merge the two lightest trees until one is left; a symbol's length is its depth.</summary>
    private static byte[] ReferenceHuffmanLengths(int[] frequencies)
    {
        var queue = new PriorityQueue<List<int>, long>();
        foreach (var (f, s) in frequencies.Select((f, s) => (f, s)).Where(p => p.f > 0)) queue.Enqueue([s], f);
        var lengths = new byte[frequencies.Length];
        while (queue.Count > 1)
        {
            queue.TryDequeue(out var a, out long wa);
            queue.TryDequeue(out var b, out long wb);
            foreach (int s in a!.Concat(b!)) lengths[s]++;
            queue.Enqueue([.. a!, .. b!], wa + wb);
        }
        return lengths;
    }
}
