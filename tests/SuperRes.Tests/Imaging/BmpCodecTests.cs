using System.Buffers.Binary;
using SuperRes.Imaging;

namespace SuperRes.Tests.Imaging;

public class BmpCodecTests
{
    [Theory]
    [InlineData("rgb24.bmp", "pattern.png")]
    [InlineData("palette8.bmp", "palette8-ref.png")]
    [InlineData("rgba32.bmp", "palette-trns-ref.png")]
    [InlineData("gray8.bmp", "gray4-ref.png")]
    public void Decode_ImageMagickBmp_MatchesPngReference(string bmp, string reference)
    {
        ImagingFixtures.AssertSameSamples(ImagingFixtures.Read(reference), ImagingFixtures.Read(bmp));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void Encode_EightBit_RoundTripsLosslessly(int channels)
    {
        foreach (var (w, h) in new[] { (1, 1), (5, 3), (33, 17) })
        {
            var image = ImagingFixtures.Generate(w, h, channels, 8, seed: w + channels);
            ImagingFixtures.AssertSameSamples(image, ImageCodecs.Decode(Encode(image)));
        }
    }

    [Fact]
    public void Encode_GrayAlpha_ReadsBackAsRgba()
    {
        var image = ImagingFixtures.Generate(6, 4, 2, 8, seed: 3);
        var decoded = ImageCodecs.Decode(Encode(image));
        Assert.Equal(4, decoded.Channels);
        for (int i = 0; i < 6 * 4; i++)
        {
            Assert.Equal(image.GetSample(2 * i), decoded.GetSample(4 * i + 1));
            Assert.Equal(image.GetSample(2 * i + 1), decoded.GetSample(4 * i + 3));
        }
    }

    [Fact]
    public void Decode_TopDown_MatchesBottomUp()
    {
        var image = ImagingFixtures.Generate(7, 5, 3, 8, seed: 9);
        byte[] bottomUp = Encode(image);
        int offset = BinaryPrimitives.ReadInt32LittleEndian(bottomUp.AsSpan(10));
        int stride = (7 * 24 + 31) / 32 * 4;
        byte[] topDown = (byte[])bottomUp.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(topDown.AsSpan(22), -5);
        for (int y = 0; y < 5; y++)
            bottomUp.AsSpan(offset + y * stride, stride).CopyTo(topDown.AsSpan(offset + (4 - y) * stride));
        ImagingFixtures.AssertSameSamples(image, ImageCodecs.Decode(topDown));
    }

    [Fact]
    public void Encode_SixteenBit_RoundsToEightBit()
    {
        var image = new Image(2, 1, 3, 16, [0, 257, 65535, 32896, 128, 65535]);
        var decoded = ImageCodecs.Decode(Encode(image));
        Assert.Equal(new ushort[] { 0, 1, 255, 128, 0, 255 }, decoded.ToUInt16Array());
    }

    [Fact]
    public void Decode_Truncated_ThrowsNamingFile()
    {
        byte[] data = Encode(ImagingFixtures.Generate(7, 5, 3, 8, seed: 1));
        var e = Assert.Throws<ImageFormatException>(() => ImageCodecs.Decode(data[..^3], "x.bmp"));
        Assert.StartsWith("x.bmp: truncated", e.Message);
    }

    private static byte[] Encode(Image image)
    {
        var stream = new MemoryStream();
        ImageCodecs.Write(image, stream, ImageFileFormat.Bmp);
        return stream.ToArray();
    }
}
