using System.Security.Cryptography;
using SuperRes.Imaging;

namespace SuperRes.Tests.Imaging;

/// <summary>Arithmetic-coded JPEG (SOF9/SOF10) against libjpeg-turbo's djpeg, pixel for pixel.</summary>
public class JpegArithmeticTests
{
    [Theory]
    [InlineData("ari420.jpg", "ari420.ppm")]
    [InlineData("ari444.jpg", "ari444.ppm")]
    [InlineData("arigray.jpg", "arigray.pgm")]
    [InlineData("ari422-restart.jpg", "ari422-restart.ppm")]
    [InlineData("ari-progressive.jpg", "ari-progressive.ppm")]
    [InlineData("ari-progressive-restart.jpg", "ari-progressive-restart.ppm")]
    public void Decode_ArithmeticFixture_EqualsDjpeg(string jpeg, string djpegOutput)
    {
        ImagingFixtures.AssertSameSamples(ImagingFixtures.Read(djpegOutput), ImagingFixtures.Read(jpeg));
    }

    /// <summary>
    /// libjpeg-turbo's testimgari.jpg (sequential, arithmetic) and its lossless transcode to progressive
    /// arithmetic with restarts both decode, in djpeg, to the pixels of testimgint.jpg: this SHA-256 of the
    /// RGB bytes (djpeg -ppm output less its header).
    /// </summary>
    [Theory]
    [InlineData("testimgari.jpg")]
    [InlineData("testimgari-progressive.jpg")]
    public void Decode_LibjpegTurboArithmeticTestImage_EqualsDjpegHash(string name)
    {
        var image = ImagingFixtures.Read(name);
        Assert.Equal((227, 149, 3, 8), (image.Width, image.Height, image.Channels, image.BitDepth));
        var bytes = image.Samples8.ToArray();
        Assert.Equal("0a42217ec0ee16e2473fed4d73c5d6331e811d21c14b3732f188a01e42659021", Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    /// <summary>Arithmetic-coded data may leave flushed bytes unread, so a cut file either fails cleanly or decodes to the same image.</summary>
    [Theory]
    [InlineData("ari420.jpg")]
    [InlineData("ari-progressive-restart.jpg")]
    public void Decode_EveryTruncation_ThrowsOrDecodesTheSame(string name)
    {
        byte[] data = ImagingFixtures.Bytes(name);
        var full = ImageCodecs.Decode(data);
        int decoded = 0;
        for (int length = 0; length < data.Length; length++)
        {
            Image cut;
            try
            {
                cut = ImageCodecs.Decode(data[..length], "x.jpg");
            }
            catch (ImageFormatException e)
            {
                Assert.StartsWith("x.jpg: ", e.Message);
                continue;
            }
            ImagingFixtures.AssertSameSamples(full, cut);
            decoded++;
        }
        Assert.True(decoded < 8, $"{decoded} truncations decoded");
    }

    [Fact]
    public void Decode_BadDacSegment_ThrowsNamingIt()
    {
        byte[] data = ImagingFixtures.Bytes("ari420.jpg");
        int dac = data.AsSpan().IndexOf([(byte)0xFF, (byte)0xCC]);
        Assert.True(dac > 0, "fixture has a DAC segment");
        var bad = data.ToArray();
        bad[dac + 5] = 0x01; // DC table 0: U=0 < L=1
        var e = Assert.Throws<ImageFormatException>(() => ImageCodecs.Decode(bad, "x.jpg"));
        Assert.Contains("DAC", e.Message);
    }
}
