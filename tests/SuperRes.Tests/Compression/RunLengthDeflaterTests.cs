using System.IO.Compression;
using System.Numerics;
using SuperRes.Compression;

namespace SuperRes.Tests.Compression;

public sealed class RunLengthDeflaterTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (string kind in new[] { "smooth", "random", "zeros", "runs" })
            foreach (int length in new[] { 1, 2, 3, 4, 63, 64, 65, 66, 127, 129, 1000, 65535, 65536, 70001, 131072 })
                data.Add(kind, length);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Deflate_InflatesToTheInput_FinalOrFollowedByMore(string kind, int length)
    {
        var data = Data(kind, length, seed: length);
        Assert.Equal(data, Inflate(RunLengthDeflater.Deflate(data, final: true)));
        // A piece that is not the last ends on a byte boundary with the stream open (after a sync flush,
        // or stored blocks): another piece can follow.
        var piece = RunLengthDeflater.Deflate(data, final: false);
        var tail = RunLengthDeflater.Deflate([7, 7, 7, 7, 7], final: true);
        Assert.Equal([.. data, 7, 7, 7, 7, 7], Inflate([.. piece, .. tail]));
    }

    [Fact]
    public void Deflate_LongCodesRightAfterARun_InflateToTheInput()
    {
        // A run's code leaves up to 31 bits pending; three 15-bit literal codes on top overflowed the
        // 64-bit word. Rare bytes F1 F2 F3 get 15-bit codes from geometric frequencies of 0x10 + k.
        var data = new List<byte> { 0xF0, 0xF0, 0xF0, 0xF0, 0xF0, 0xF0, 0xF1, 0xF2, 0xF3 };
        var others = Enumerable.Range(1, 14).SelectMany(k => Enumerable.Repeat((byte)(0x10 + k), 1 << (14 - k))).ToArray();
        foreach (byte other in others)
        {
            data.Add(0x10);
            data.Add(other);
        }
        data.Add(0x10);
        var bytes = data.ToArray();
        Assert.Equal(bytes, Inflate(RunLengthDeflater.Deflate(bytes, final: true)));
    }

    [Fact]
    public void Deflate_SkewedBytesAndRuns_InflateToTheInput()
    {
        // Geometric byte frequencies (codes up to the 15-bit limit) mixed with runs of every length.
        for (int seed = 0; seed < 60; seed++)
        {
            var rng = new Random(seed);
            var data = new byte[rng.Next(1, 40_000)];
            for (int i = 0; i < data.Length;)
            {
                byte value = (byte)Math.Min(255, BitOperations.TrailingZeroCount(rng.Next() | 1 << 30) * (seed % 7 + 1));
                int run = rng.Next(5) == 0 ? rng.Next(1, 300) : 1;
                for (int k = 0; k < run && i < data.Length; k++) data[i++] = value;
            }
            Assert.Equal(data, Inflate(RunLengthDeflater.Deflate(data, final: true)));
            var piece = RunLengthDeflater.Deflate(data, final: false);
            Assert.Equal([.. data, .. data], Inflate([.. piece, .. RunLengthDeflater.Deflate(data, final: true)]));
        }
    }

    [Fact]
    public void Deflate_Empty_IsAnEmptyFinalBlockOrNothing()
    {
        Assert.Empty(Inflate(RunLengthDeflater.Deflate([], final: true)));
        Assert.Empty(RunLengthDeflater.Deflate([], final: false));
    }

    [Fact]
    public void Deflate_RandomBytes_AreStored_AtMostFiveBytesPerBlockLarger()
    {
        var data = Data("random", 150_000, seed: 3);
        var compressed = RunLengthDeflater.Deflate(data, final: true);
        Assert.InRange(compressed.Length, data.Length, data.Length + 5 * 3);
        Assert.Equal(data, Inflate(compressed));
    }

    [Theory]
    [InlineData("smooth")]
    [InlineData("runs")]
    public void Deflate_IsNoLargerThanZlibsRunLengthStrategy_ByMoreThanOnePercent(string kind)
    {
        var data = Data(kind, 128 << 10, seed: 11);
        var zlib = new MemoryStream();
        using (var deflate = new DeflateStream(zlib, new ZLibCompressionOptions { CompressionLevel = 1, CompressionStrategy = ZLibCompressionStrategy.RunLengthEncoding }, leaveOpen: true))
            deflate.Write(data);
        var ours = RunLengthDeflater.Deflate(data, final: true);
        Assert.True(ours.Length <= zlib.Length * 1.01, $"{ours.Length} bytes against zlib's {zlib.Length}");
        Assert.True(ours.Length < data.Length * 0.8, $"{ours.Length} of {data.Length} bytes");
    }

    [Theory]
    [InlineData(512)]
    [InlineData(256)]
    [InlineData(128)]
    [InlineData(0)]
    public void FindRuns_AtEveryVectorWidth_EqualsThePlainSearch(int vectorBits)
    {
        foreach (string kind in new[] { "runs", "smooth", "zeros", "random" })
            foreach (int length in new[] { 0, 1, 3, 4, 5, 63, 64, 65, 66, 67, 127, 128, 129, 130, 191, 192, 193, 200, 1031, 5000, 70001 })
            {
                var data = Data(kind, length, seed: length + vectorBits);
                var expected = new int[2 * (length / 3 + 1)];
                var actual = new int[2 * (length / 3 + 1)];
                int count = RunLengthDeflater.FindRunsReference(data, expected);
                Assert.Equal(count, RunLengthDeflater.FindRuns(data, actual, vectorBits));
                Assert.Equal(expected.AsSpan(0, 2 * count).ToArray(), actual.AsSpan(0, 2 * count).ToArray());
            }
    }

    [Fact]
    public void FindRunsReference_SplitsLongRunsAt258_AndLeavesShortOnesAsLiterals()
    {
        // 1 literal, then a run of 600 more equal bytes (258 + 258 + 84), a different byte, two equal bytes (too short).
        byte[] data = [.. Enumerable.Repeat((byte)5, 601), 9, 9, 9, 1];
        var runs = new int[2 * (data.Length / 3 + 1)];
        int count = RunLengthDeflater.FindRunsReference(data, runs);
        Assert.Equal([1, 258, 259, 258, 517, 84], runs.AsSpan(0, 2 * count).ToArray());
    }

    private static byte[] Inflate(byte[] deflated)
    {
        using var inflate = new DeflateStream(new MemoryStream(deflated), CompressionMode.Decompress);
        var result = new MemoryStream();
        inflate.CopyTo(result);
        return result.ToArray();
    }

    /// <summary>
    /// Smooth rows with noise (like filtered image rows), bytes with no structure, zeros, or runs of
    /// every length from 1 to 300 (around the 3-byte minimum, the 258-byte maximum and the 64-byte windows).
    /// </summary>
    internal static byte[] Data(string kind, int length, int seed)
    {
        var rng = new Random(seed);
        var data = new byte[length];
        switch (kind)
        {
            case "random":
                rng.NextBytes(data);
                break;
            case "smooth":
                for (int i = 0; i < length; i++) data[i] = (byte)(64 + 40 * Math.Sin(i * 0.01) + rng.Next(4));
                break;
            case "runs":
                for (int i = 0; i < length;)
                {
                    int run = rng.Next(4) == 0 ? rng.Next(1, 300) : rng.Next(1, 6);
                    byte value = (byte)rng.Next(8);
                    for (int k = 0; k < run && i < length; k++) data[i++] = value;
                }
                break;
        }
        return data;
    }
}
