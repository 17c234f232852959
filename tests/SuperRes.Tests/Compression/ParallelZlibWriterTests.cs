using System.IO.Compression;
using SuperRes.Compression;

namespace SuperRes.Tests.Compression;

public sealed class ParallelZlibWriterTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(ParallelZlibWriter.BlockSize - 1)]
    [InlineData(ParallelZlibWriter.BlockSize)]
    [InlineData(ParallelZlibWriter.BlockSize + 1)]
    [InlineData(5 * ParallelZlibWriter.BlockSize + 17)]
    public void Output_InflatesToTheInput_WithAValidHeaderAndChecksum(int length)
    {
        foreach (bool compressible in new[] { true, false })
        {
            var data = Data(length, compressible, seed: length);
            var compressed = Compress(data, writes: [1, 1000, 70000]);

            Assert.Equal(0, (compressed[0] * 256 + compressed[1]) % 31);
            Assert.Equal(0x78, compressed[0]);
            // ZlibDecoder checks the header and the Adler-32 trailer; ZLibStream inflates it too.
            Assert.Equal(data, Inflate(compressed));
            var decoder = new ZlibDecoder(compressed, 0, compressed.Length);
            var buffer = new byte[length + 1];
            int read = 0, n;
            while ((n = decoder.Read(buffer.AsSpan(read))) > 0) read += n;
            Assert.Equal(length, read);
            decoder.ReadToEnd(1);
        }
    }

    [Fact]
    public void Output_DoesNotDependOnHowTheInputIsCut()
    {
        var data = Data(3 * ParallelZlibWriter.BlockSize + 5, compressible: true, seed: 9);
        Assert.Equal(Compress(data, writes: [data.Length]), Compress(data, writes: [3, 7, 100_000]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WriteOwned_MixedWithCopiedWrites_GivesTheSameStream(bool runLength)
    {
        // Handed-over buffers of awkward sizes (whole blocks deflated in place, the ends copied) between
        // copied writes: the same blocks, so the same bytes, and an Adler-32 combined from the blocks'.
        var data = Data(7 * ParallelZlibWriter.BlockSize + 333, compressible: true, seed: 12);
        var expected = Compress(data, writes: [data.Length], runLength: runLength);
        int[] cuts = [5, ParallelZlibWriter.BlockSize - 5, 2 * ParallelZlibWriter.BlockSize + 7, 1, ParallelZlibWriter.BlockSize, 3 * ParallelZlibWriter.BlockSize];
        var output = new MemoryStream();
        using (var writer = new ParallelZlibWriter(output, ParallelZlibWriter.DefaultLevel, runLength))
        {
            int offset = 0;
            for (int k = 0; offset < data.Length; k++)
            {
                int n = Math.Min(cuts[k % cuts.Length], data.Length - offset);
                if (k % 2 == 0) writer.Write(data.AsSpan(offset, n));
                else
                {
                    var owned = new byte[n + 9]; // longer than the part handed over
                    data.AsSpan(offset, n).CopyTo(owned);
                    writer.WriteOwned(owned, n);
                }
                offset += n;
            }
            writer.Finish();
        }
        Assert.Equal(expected, output.ToArray());
        Assert.Equal(data, Inflate(output.ToArray()));
    }

    [Fact]
    public void Adler32Combine_OfTwoParts_IsTheAdler32OfBoth()
    {
        var rng = new Random(3);
        foreach (int length in new[] { 0, 1, 2, 65520, 65521, 65522, 200_000 })
            foreach (int cut in new[] { 0, length / 3, length })
            {
                var data = new byte[length];
                rng.NextBytes(data);
                if (length > 10) data.AsSpan(0, length / 2).Fill(255); // large sums, near the modulus
                uint whole = Adler(data), first = Adler(data.AsSpan(0, cut)), second = Adler(data.AsSpan(cut));
                Assert.Equal(whole, ParallelZlibWriter.Adler32Combine(first, second, length - cut));
            }

        static uint Adler(ReadOnlySpan<byte> bytes)
        {
            var adler = new System.IO.Hashing.Adler32();
            adler.Append(bytes);
            return adler.GetCurrentHashAsUInt32();
        }
    }

    [Fact]
    public void Output_OfCompressibleData_IsNearASingleDeflateStream()
    {
        var data = Data(8 * ParallelZlibWriter.BlockSize, compressible: true, seed: 4);
        var single = new MemoryStream();
        using (var z = new ZLibStream(single, new ZLibCompressionOptions { CompressionLevel = ParallelZlibWriter.DefaultLevel }, leaveOpen: true)) z.Write(data);
        var parallel = Compress(data, writes: [data.Length]);
        Assert.InRange(parallel.Length, 1, single.Length * 1.05);
    }

    [Fact]
    public void Output_AtEveryLevel_InflatesToTheInput_SmallerFromStoreToMaximum()
    {
        var data = Data(3 * ParallelZlibWriter.BlockSize + 11, compressible: true, seed: 6);
        var sizes = new List<int>();
        foreach (int level in new[] { 0, 1, ParallelZlibWriter.DefaultLevel, 9 })
        {
            var compressed = Compress(data, writes: [data.Length], level);
            Assert.Equal(0, (compressed[0] * 256 + compressed[1]) % 31);
            Assert.Equal(data, Inflate(compressed));
            sizes.Add(compressed.Length);
        }
        Assert.True(sizes[0] > data.Length, "level 0 stores");
        Assert.True(sizes[1] > sizes[2] && sizes[2] >= sizes[3], $"sizes {string.Join(", ", sizes)}");
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParallelZlibWriter(new MemoryStream(), 10));
    }

    [Fact]
    public void Output_RunLength_InflatesToTheInputAndCompresses()
    {
        var data = Data(2 * ParallelZlibWriter.BlockSize + 5, compressible: true, seed: 9);
        var compressed = Compress(data, writes: [1000, 70_000], level: 1, runLength: true);
        Assert.Equal(0, (compressed[0] * 256 + compressed[1]) % 31);
        Assert.Equal(data, Inflate(compressed));
        Assert.True(compressed.Length < data.Length * 0.85, $"{compressed.Length} of {data.Length} bytes");
        Assert.NotEqual(compressed, Compress(data, writes: [data.Length], level: 1));
    }

    [Fact]
    public void Write_AfterTheOutputFailed_IsRefused_AndDisposeReturns()
    {
        var data = Data(6 * ParallelZlibWriter.BlockSize, compressible: true, seed: 2);
        var output = new FailingStream(failAfterWrites: 2);
        var writer = new ParallelZlibWriter(output, level: 1, runLength: true);
        // The header is the first write, the first block the second; the second block fails, in Write or at the latest in Finish.
        var error = Record.Exception(() =>
        {
            for (int offset = 0; offset < data.Length; offset += 50_000) writer.Write(data.AsSpan(offset, Math.Min(50_000, data.Length - offset)));
            writer.Finish();
        });
        Assert.IsType<IOException>(error);
        Assert.Throws<InvalidOperationException>(() => writer.Write(data.AsSpan(0, 10)));
        Assert.Throws<InvalidOperationException>(writer.Finish);
        writer.Dispose();
    }

    [Fact]
    public void Dispose_InTheMiddle_DropsOrWaitsForEveryBlock()
    {
        var data = Data(20 * ParallelZlibWriter.BlockSize, compressible: true, seed: 5);
        for (int round = 0; round < 20; round++)
        {
            var writer = new ParallelZlibWriter(new MemoryStream(), level: 1, runLength: true);
            writer.Write(data.AsSpan(0, (round + 1) * data.Length / 21));
            writer.Dispose();
            Assert.Throws<ObjectDisposedException>(() => writer.Write(data.AsSpan(0, 1)));
        }
    }

    /// <summary>A stream that throws IOException from its write number <c>failAfterWrites + 1</c> on.</summary>
    private sealed class FailingStream(int failAfterWrites) : MemoryStream
    {
        private int _writes;

        public override void Write(ReadOnlySpan<byte> buffer) => Write(buffer.ToArray(), 0, buffer.Length);

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (++_writes > failAfterWrites) throw new IOException("disk full");
            base.Write(buffer, offset, count);
        }
    }

    private static byte[] Compress(byte[] data, int[] writes, int level = ParallelZlibWriter.DefaultLevel, bool runLength = false)
    {
        var output = new MemoryStream();
        using var writer = new ParallelZlibWriter(output, level, runLength);
        int offset = 0, k = 0;
        while (offset < data.Length)
        {
            int n = Math.Min(writes[k++ % writes.Length], data.Length - offset);
            writer.Write(data.AsSpan(offset, n));
            offset += n;
        }
        writer.Finish();
        return output.ToArray();
    }

    private static byte[] Inflate(byte[] compressed)
    {
        using var z = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
        var result = new MemoryStream();
        z.CopyTo(result);
        return result.ToArray();
    }

    /// <summary>Smooth rows with noise (like filtered image rows), or bytes with no structure.</summary>
    private static byte[] Data(int length, bool compressible, int seed) => RunLengthDeflaterTests.Data(compressible ? "smooth" : "random", length, seed);
}
