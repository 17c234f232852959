using System.Buffers.Binary;
using SuperRes.Imaging;
using SuperRes.Imaging.Png;

namespace SuperRes.Tests.Imaging;

public sealed class PngRowWriterTests
{
    [Fact]
    public void FilterBest_PicksTheFirstSmallestScore_AndWritesThatFilter()
    {
        var random = new Random(9);
        foreach (int bpp in new[] { 1, 2, 3, 4, 6, 8 })
            for (int trialIndex = 0; trialIndex < 40; trialIndex++)
            {
                int length = bpp * random.Next(1, trialIndex < 30 ? 90 : 400);
                var row = new byte[length];
                var previous = new byte[length];
                // Flat, ramped and random rows, so that every filter wins somewhere and scores tie.
                int kind = trialIndex % 4;
                for (int i = 0; i < length; i++)
                {
                    row[i] = kind switch { 0 => 7, 1 => (byte)i, 2 => (byte)(i / bpp * 3), _ => (byte)random.Next(256) };
                    previous[i] = kind == 3 ? (byte)random.Next(256) : (byte)(row[i] + trialIndex % 3);
                }
                var expected = new byte[length + 1];
                long bestScore = long.MaxValue;
                var filtered = new byte[length];
                for (int filter = 0; filter < 5; filter++)
                {
                    PngFilters.FilterReference(filter, row, previous, bpp, filtered);
                    long score = filtered.Sum(b => (long)Math.Min(b, 256 - b));
                    if (score < bestScore)
                    {
                        bestScore = score;
                        expected[0] = (byte)filter;
                        filtered.CopyTo(expected, 1);
                    }
                }
                // Scored at once (AVX2), and filtered and scored one filter at a time.
                foreach (bool oneByOne in new[] { false, true })
                {
                    var actual = new byte[length + 1];
                    PngRowWriter.ScoreOneByOne = oneByOne;
                    try
                    {
                        PngRowWriter.FilterBest(row, previous, bpp, actual, new byte[length]);
                    }
                    finally
                    {
                        PngRowWriter.ScoreOneByOne = false;
                    }
                    Assert.Equal(expected, actual);
                }
            }
    }

    [Theory]
    [InlineData(1, 8)]
    [InlineData(2, 8)]
    [InlineData(3, 8)]
    [InlineData(4, 8)]
    [InlineData(1, 16)]
    [InlineData(2, 16)]
    [InlineData(3, 16)]
    [InlineData(4, 16)]
    public void WriteRows_SeveralBandsOfAwkwardSizes_DecodesLosslessly(int channels, int bitDepth)
    {
        foreach (var (w, h) in new[] { (1, 1), (7, 3), (33, 17) })
        {
            var image = ImagingFixtures.Generate(w, h, channels, bitDepth, seed: w * 10 + channels);
            var stream = new MemoryStream();
            using (var writer = new PngRowWriter(stream, w, h, channels, bitDepth, chunkSize: 64))
            {
                foreach (var band in Bands(image, seed: h)) writer.WriteRows(band);
                writer.Finish();
            }

            var data = stream.ToArray();
            ImagingFixtures.AssertSameSamples(image, ImageCodecs.Decode(data)); // the decoder checks every CRC
            Assert.All(IdatLengths(data), length => Assert.InRange(length, 1, 64));
        }
    }

    [Fact]
    public void WriteRows_LargeImage_CutsIdatIntoBoundedChunks()
    {
        var image = ImagingFixtures.Generate(300, 200, 3, 16, seed: 3);
        var stream = new MemoryStream();
        using (var writer = new PngRowWriter(stream, 300, 200, 3, 16, chunkSize: 4096))
        {
            writer.WriteRows(image);
            writer.Finish();
        }

        var lengths = IdatLengths(stream.ToArray());
        Assert.True(lengths.Count > 10, $"{lengths.Count} IDAT chunks");
        Assert.All(lengths[..^1], length => Assert.Equal(4096, length));
        ImagingFixtures.AssertSameSamples(image, ImageCodecs.Decode(stream.ToArray()));
    }

    [Fact]
    public void Finish_RowsMissing_Throws()
    {
        using var writer = new PngRowWriter(new MemoryStream(), 4, 3, 1, 8);
        writer.WriteRow(new ushort[4]);
        var error = Assert.Throws<InvalidOperationException>(writer.Finish);
        Assert.Contains("1 of 3", error.Message);
    }

    [Fact]
    public void WriteRows_TooManyRowsOrWrongLayout_Throws()
    {
        using var writer = new PngRowWriter(new MemoryStream(), 4, 3, 3, 8);
        Assert.Throws<InvalidOperationException>(() => writer.WriteRows(new Image(4, 4, 3, 8)));
        Assert.Throws<ArgumentException>(() => writer.WriteRows(new Image(5, 1, 3, 8)));
        Assert.Throws<ArgumentException>(() => writer.WriteRows(new Image(4, 1, 3, 16)));
        Assert.Throws<ArgumentException>(() => writer.WriteRow(new ushort[11]));
        Assert.Equal(0, writer.RowsWritten);
    }

    [Fact]
    public void WritePngInBands_ToPath_WritesTheImageAndNoTemporaryFile()
    {
        string folder = Directory.CreateTempSubdirectory("superres-png").FullName;
        try
        {
            var image = ImagingFixtures.Generate(21, 10, 4, 16, seed: 6);
            string path = Path.Combine(folder, "out.png");

            ImageCodecs.WritePngInBands(path, 21, 10, 4, 16, write =>
            {
                foreach (var band in Bands(image, seed: 2)) write(band);
            });

            ImagingFixtures.AssertSameSamples(image, ImageCodecs.Read(path));
            Assert.Single(Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void WritePngInBands_ProducerFailsOrStopsShort_LeavesNoFile()
    {
        string folder = Directory.CreateTempSubdirectory("superres-png").FullName;
        try
        {
            var image = ImagingFixtures.Generate(9, 8, 3, 8, seed: 7);
            var bands = Bands(image, seed: 3);
            string path = Path.Combine(folder, "out.png");

            Assert.Throws<TimeoutException>(() => ImageCodecs.WritePngInBands(path, 9, 8, 3, 8, write =>
            {
                write(bands[0]);
                throw new TimeoutException("the producer died");
            }));
            Assert.Throws<InvalidOperationException>(() => ImageCodecs.WritePngInBands(path, 9, 8, 3, 8, write => write(bands[0])));

            Assert.Empty(Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void WritePngInBands_NotPngExtension_Refuses()
    {
        Assert.Throws<NotSupportedException>(() => ImageCodecs.WritePngInBands("x.bmp", 2, 2, 3, 8, _ => { }));
    }

    /// <summary>The image cut into bands of seeded random heights (at least two bands when it has two rows).</summary>
    private static List<Image> Bands(Image image, int seed)
    {
        var random = new Random(seed);
        var bands = new List<Image>();
        int rowSamples = image.Width * image.Channels;
        for (int y = 0; y < image.Height;)
        {
            int h = Math.Min(image.Height - y, random.Next(1, Math.Max(2, image.Height / 2 + 1)));
            bands.Add(new Image(image.Width, h, image.Channels, image.BitDepth, image.ToUInt16Array()[(y * rowSamples)..((y + h) * rowSamples)]));
            y += h;
        }
        return bands;
    }

    private static List<int> IdatLengths(byte[] data)
    {
        var lengths = new List<int>();
        for (int pos = 8; pos < data.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(pos));
            if (System.Text.Encoding.ASCII.GetString(data, pos + 4, 4) == "IDAT") lengths.Add(length);
            pos += 12 + length;
        }
        return lengths;
    }

    [Theory]
    [InlineData(3, 8, 301, 97)]
    [InlineData(4, 16, 301, 97)]
    [InlineData(1, 8, 301, 97)]
    // Bands over a deflate block (128 KiB): deflated in place, their buffers filled again once done with.
    [InlineData(3, 8, 1100, 700)]
    [InlineData(4, 16, 700, 300)]
    public void WriteRows_ParallelBand_WritesTheSameBytesAsRowByRow(int channels, int bitDepth, int width, int height)
    {
        var image = ImagingFixtures.Generate(width, height, channels, bitDepth, seed: 5);
        var byRow = new MemoryStream();
        using (var writer = new PngRowWriter(byRow, image.Width, image.Height, channels, bitDepth))
        {
            int n = image.Width * channels;
            for (int y = 0; y < image.Height; y++)
            {
                if (bitDepth == 8) writer.WriteRow(image.Samples8.Slice(y * n, n));
                else writer.WriteRow(image.Samples16.Slice(y * n, n));
            }
            writer.Finish();
        }
        var byBand = new MemoryStream();
        using (var writer = new PngRowWriter(byBand, image.Width, image.Height, channels, bitDepth))
        {
            foreach (var band in Bands(image, seed: 2)) writer.WriteRows(band);
            writer.Finish();
        }
        Assert.Equal(byRow.ToArray(), byBand.ToArray());
        ImagingFixtures.AssertSameSamples(image, ImageCodecs.Decode(byBand.ToArray()));
    }

    [Fact]
    public void IsReading_AfterFinish_IsFalse_AndForABufferNeverHandedOver()
    {
        var output = new MemoryStream();
        using var writer = new SuperRes.Compression.ParallelZlibWriter(output, level: 1, runLength: true);
        var owned = new byte[3 * SuperRes.Compression.ParallelZlibWriter.BlockSize + 5];
        new Random(4).NextBytes(owned);
        writer.WriteOwned(owned, owned.Length);
        Assert.False(writer.IsReading(new byte[10]));
        writer.Finish();
        Assert.False(writer.IsReading(owned));
    }

    [Fact]
    public void SumOfAbsoluteSigned_EqualsTheScalarSum_OnAwkwardLengths()
    {
        var rng = new Random(3);
        foreach (int length in new[] { 0, 1, 15, 31, 32, 33, 63, 64, 65, 4095, 70_001 })
        {
            var bytes = new byte[length];
            rng.NextBytes(bytes);
            if (length > 0) bytes[0] = 128; // -128: magnitude 128
            long expected = 0;
            foreach (byte b in bytes) expected += Math.Abs((int)(sbyte)b);
            Assert.Equal(expected, PngRowWriter.SumOfAbsoluteSigned(bytes));
        }
        var worst = Enumerable.Repeat((byte)128, 1 << 20).ToArray(); // every lane at its largest for many steps
        Assert.Equal(128L << 20, PngRowWriter.SumOfAbsoluteSigned(worst));
    }
}
