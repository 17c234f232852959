using System.Text;
using SuperRes.Imaging;

namespace SuperRes.Tests.Imaging;

public class PnmCodecTests
{
    [Theory]
    [InlineData(1, 8)]
    [InlineData(3, 8)]
    [InlineData(1, 16)]
    [InlineData(3, 16)]
    public void Encode_GrayOrRgb_RoundTripsLosslessly(int channels, int bitDepth)
    {
        var image = ImagingFixtures.Generate(11, 7, channels, bitDepth, seed: channels * bitDepth);
        ImagingFixtures.AssertSameSamples(image, ImageCodecs.Decode(Encode(image)));
    }

    [Fact]
    public void Decode_SmallMaxval_ScalesToEightBit()
    {
        byte[] data = [.. Encoding.ASCII.GetBytes("P5\n# comment\n3 1\n15\n"), 0, 7, 15];
        var image = ImageCodecs.Decode(data);
        Assert.Equal((8, 1), (image.BitDepth, image.Channels));
        Assert.Equal(new ushort[] { 0, 119, 255 }, image.ToUInt16Array());
    }

    [Fact]
    public void Decode_TwelveBitMaxval_ScalesToSixteenBit()
    {
        byte[] data = [.. Encoding.ASCII.GetBytes("P6 1 1 4095\n"), 0x0F, 0xFF, 0x08, 0x00, 0, 0];
        var image = ImageCodecs.Decode(data);
        Assert.Equal(16, image.BitDepth);
        Assert.Equal(new ushort[] { 65535, 32776, 0 }, image.ToUInt16Array());
    }

    [Fact]
    public void Decode_SampleAboveMaxval_Throws()
    {
        byte[] data = [.. Encoding.ASCII.GetBytes("P5 2 1 100\n"), 50, 101];
        var e = Assert.Throws<ImageFormatException>(() => ImageCodecs.Decode(data, "x.pgm"));
        Assert.Contains("exceeds maxval", e.Message);
    }

    [Fact]
    public void Decode_Truncated_Throws()
    {
        byte[] data = Encode(ImagingFixtures.Generate(4, 4, 3, 8, seed: 2));
        for (int length = 0; length < data.Length; length++)
            Assert.Throws<ImageFormatException>(() => ImageCodecs.Decode(data[..length], "x.ppm"));
    }

    [Fact]
    public void Encode_Alpha_Refused()
    {
        Assert.Throws<ArgumentException>(() => Encode(new Image(2, 2, 4, 8)));
    }

    private static byte[] Encode(Image image)
    {
        var stream = new MemoryStream();
        ImageCodecs.Write(image, stream, ImageFileFormat.Pnm);
        return stream.ToArray();
    }
}
