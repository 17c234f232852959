using SuperRes.Imaging;
using SuperRes.Imaging.Jpeg;
using SuperRes.Tests.Evaluation;

namespace SuperRes.Tests.Imaging;

public sealed class JpegEncoderTests
{
    [Theory]
    [InlineData(3, true)]
    [InlineData(3, false)]
    [InlineData(1, false)]
    public void Encode_Quality90_OurDecoderReadsItCloseToTheSource(int channels, bool subsample)
    {
        // Odd sizes: partial MCUs on both edges.
        var source = TestImages.Smooth(37, 23, channels, seed: 5);
        var decoded = RoundTrip(source, new JpegEncoderOptions { Quality = 90, Subsample = subsample });

        Assert.Equal((37, 23, channels, 8), (decoded.Width, decoded.Height, decoded.Channels, decoded.BitDepth));
        // The generated image carries 5% uniform noise; chroma at half resolution costs about 2 dB more.
        Assert.InRange(Psnr(source, decoded), subsample ? 34 : 36, 99);
    }

    [Fact]
    public void Encode_HigherQuality_LargerFileAndHigherPsnr()
    {
        var source = TestImages.Smooth(64, 48, 3, seed: 6);
        long previousSize = 0;
        double previousPsnr = 0;
        foreach (var quality in new[] { 10, 50, 90, 100 })
        {
            var bytes = Encode(source, new JpegEncoderOptions { Quality = quality });
            var psnr = Psnr(source, ImageCodecs.Decode(bytes));
            Assert.True(bytes.Length > previousSize, $"q{quality}: {bytes.Length} bytes, not more than {previousSize}");
            Assert.True(psnr > previousPsnr, $"q{quality}: {psnr:F2} dB, not more than {previousPsnr:F2}");
            (previousSize, previousPsnr) = (bytes.Length, psnr);
        }
    }

    [Fact]
    public void Encode_Subsampled_SmallerThanFullChroma()
    {
        var source = TestImages.Smooth(64, 64, 3, seed: 7);
        Assert.True(Encode(source, new JpegEncoderOptions { Subsample = true }).Length < Encode(source, new JpegEncoderOptions { Subsample = false }).Length);
    }

    [Fact]
    public void Encode_SixteenBitRgba_DropsAlphaAndRoundsToEightBits()
    {
        var source = TestImages.Smooth(20, 20, 4, seed: 8, bitDepth: 16);
        var decoded = RoundTrip(source, new JpegEncoderOptions { Quality = 95, Subsample = false });
        Assert.Equal((3, 8), (decoded.Channels, decoded.BitDepth));
        Assert.InRange(Math.Abs(decoded[10, 10, 0] - source[10, 10, 0] / 257.0), 0, 4);
    }

    [Fact]
    public void Encode_IccProfile_ReadBackFromApp2()
    {
        var profile = Enumerable.Range(0, 70000).Select(i => (byte)(i * 7)).ToArray(); // two APP2 segments
        var bytes = Encode(TestImages.Smooth(8, 8, 3, seed: 9), new JpegEncoderOptions { IccProfile = profile });
        Assert.Equal(profile, IccProfile.Read(bytes));
        Assert.Equal(8, ImageCodecs.Decode(bytes).Width);
    }

    [Fact]
    public void ForwardDct_ConstantBlock_OnlyDc()
    {
        var block = Enumerable.Repeat(10f, 64).ToArray();
        JpegEncoder.ForwardDct(block);
        Assert.Equal(80f, block[0], 3); // 8 * mean, T.81 scaling
        Assert.All(block.Skip(1), v => Assert.Equal(0f, v, 3));
    }

    private static Image RoundTrip(Image source, JpegEncoderOptions options) => ImageCodecs.Decode(Encode(source, options));

    private static byte[] Encode(Image source, JpegEncoderOptions options)
    {
        var stream = new MemoryStream();
        JpegEncoder.Encode(source, stream, options);
        return stream.ToArray();
    }

    private static double Psnr(Image a, Image b)
    {
        double sum = 0;
        int n = 0;
        for (int y = 0; y < a.Height; y++)
            for (int x = 0; x < a.Width; x++)
                for (int c = 0; c < b.Channels; c++, n++)
                {
                    double d = a[x, y, c] * 255.0 / a.MaxValue - b[x, y, c];
                    sum += d * d;
                }
        return 10 * Math.Log10(255.0 * 255 / Math.Max(sum / n, 1e-12));
    }
}
