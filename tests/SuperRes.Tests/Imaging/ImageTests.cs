using SuperRes.Imaging;

namespace SuperRes.Tests.Imaging;

public class ImageTests
{
    [Theory]
    [InlineData(8, 1)]
    [InlineData(16, 2)]
    public void Constructor_BitDepth_StoresThatManyBytesPerSample(int bitDepth, int bytes)
    {
        var image = new Image(7, 5, 3, bitDepth);
        Assert.Equal(105, image.SampleCount);
        Assert.Equal(bytes, image.BytesPerSample);
        Assert.Equal(105L * bytes, image.SampleBytes);
        if (bitDepth == 8)
        {
            Assert.Equal(105, image.Samples8.Length);
            Assert.Throws<InvalidOperationException>(() => image.Samples16.Length);
        }
        else
        {
            Assert.Equal(105, image.Samples16.Length);
            Assert.Throws<InvalidOperationException>(() => image.Samples8.Length);
        }
    }

    [Fact]
    public void Constructor_EightBitLargeImage_AllocatesOneBytePerSample()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var image = new Image(1000, 1000, 3, 8);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.InRange(allocated, 3_000_000, 3_100_000); // a ushort store would take 6,000,000
        GC.KeepAlive(image);
    }

    [Fact]
    public void GetSetSample_BothDepths_RoundTripThroughTypedSpans()
    {
        var eight = new Image(3, 2, 2, 8);
        eight.SetSample(11, 255);
        eight[1, 0, 1] = 7;
        Assert.Equal(255, eight.Samples8[11]);
        Assert.Equal(7, eight.Samples8[3]);
        Assert.Equal(7, eight.GetSample(3));

        var sixteen = new Image(3, 2, 2, 16);
        sixteen.SetSample(11, 65535);
        sixteen[2, 1, 0] = 300;
        Assert.Equal(65535, sixteen.Samples16[11]);
        Assert.Equal(300, sixteen.Samples16[10]);
        Assert.Equal(300, sixteen[2, 1, 0]);
    }

    [Theory]
    [InlineData(8, 256)]
    [InlineData(8, -1)]
    [InlineData(16, 65536)]
    public void SetSample_OutOfRange_Throws(int bitDepth, int value)
    {
        var image = new Image(2, 2, 1, bitDepth);
        Assert.Throws<ArgumentOutOfRangeException>(() => image.SetSample(0, value));
    }

    [Fact]
    public void Constructor_UShortSamplesAtEightBits_CopiesIntoByteStoreAndChecksRange()
    {
        ushort[] samples = [0, 1, 254, 255];
        var image = new Image(2, 2, 1, 8, samples);
        Assert.Equal(new byte[] { 0, 1, 254, 255 }, image.Samples8.ToArray());
        samples[0] = 9; // copied, not wrapped
        Assert.Equal(0, image.GetSample(0));
        Assert.Throws<ArgumentException>(() => new Image(2, 2, 1, 8, [0, 1, 256, 3]));
    }

    [Fact]
    public void Constructor_UShortSamplesAtSixteenBits_WrapsArray()
    {
        ushort[] samples = [0, 1, 2, 60000];
        var image = new Image(2, 2, 1, 16, samples);
        samples[0] = 9;
        Assert.Equal(9, image.GetSample(0));
        Assert.Equal(samples, image.ToUInt16Array());
    }

    [Fact]
    public void SamplesEqual_DifferentDepthOrSample_IsFalse()
    {
        var a = new Image(2, 1, 1, 8, [1, 2]);
        Assert.True(a.SamplesEqual(new Image(2, 1, 1, new byte[] { 1, 2 })));
        Assert.False(a.SamplesEqual(new Image(2, 1, 1, new byte[] { 1, 3 })));
        Assert.False(a.SamplesEqual(new Image(2, 1, 1, 16, [1, 2])));
    }

    [Fact]
    public void Decode_EightBitPgm_MemoryBudgetCountsOneBytePerSample()
    {
        // 1000x1000 gray: the file (1 MB) plus 1 MB of samples fit 2.1 MB; at 2 bytes a sample they would not.
        var header = "P5\n1000 1000\n255\n"u8.ToArray();
        var file = new byte[header.Length + 1_000_000];
        header.CopyTo(file, 0);
        var options = new ImageReadOptions { MaxBytes = 2_100_000 };
        var image = ImageCodecs.Decode(file, "gray.pgm", options);
        Assert.Equal(8, image.BitDepth);
        var tooSmall = new ImageReadOptions { MaxBytes = 1_900_000 };
        var e = Assert.Throws<ImageFormatException>(() => ImageCodecs.Decode(file, "gray.pgm", tooSmall));
        Assert.Contains("memory limit", e.Message);
    }

    [Fact]
    public void Decode_EightBitPng_AllocatesAboutOneBytePerSample()
    {
        var source = new Image(1200, 1000, 3, 8);
        for (int i = 0; i < source.SampleCount; i++) source.SetSample(i, i * 31 % 251);
        var stream = new MemoryStream();
        ImageCodecs.Write(source, stream, ImageFileFormat.Png);
        var bytes = stream.ToArray();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var decoded = ImageCodecs.Decode(bytes, "rgb.png");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(source.SamplesEqual(decoded));
        // 3.6 MB of samples; a 16-bit store alone would take 7.2 MB.
        Assert.InRange(allocated, 3_600_000, 3_600_000 + 2 * bytes.Length + 1_000_000);
    }
}
