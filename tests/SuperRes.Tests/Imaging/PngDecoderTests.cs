using System.Buffers.Binary;
using SuperRes.Imaging;

namespace SuperRes.Tests.Imaging;

public class PngDecoderTests
{
    [Fact]
    public void Decode_Rgb8_MatchesImageMagickRawSamples()
    {
        var image = ImagingFixtures.Read("pattern.png");
        byte[] raw = ImagingFixtures.Bytes("pattern.rgb");
        Assert.Equal((37, 29, 3, 8), (image.Width, image.Height, image.Channels, image.BitDepth));
        Assert.Equal(raw.Select(b => (ushort)b), image.ToUInt16Array());
    }

    [Fact]
    public void Decode_Rgba16_MatchesImageMagickRawSamples()
    {
        var image = ImagingFixtures.Read("rgba16-ref.png");
        byte[] raw = ImagingFixtures.Bytes("rgba16-ref.rgba");
        Assert.Equal((4, 16), (image.Channels, image.BitDepth));
        var expected = Enumerable.Range(0, raw.Length / 2).Select(i => BinaryPrimitives.ReadUInt16BigEndian(raw.AsSpan(2 * i)));
        Assert.Equal(expected, image.ToUInt16Array());
    }

    [Fact]
    public void Decode_Gray8_MatchesImageMagickRawSamples()
    {
        var image = ImagingFixtures.Read("gray4-ref.png");
        Assert.Equal(1, image.Channels);
        Assert.Equal(ImagingFixtures.Bytes("gray4-ref.gray").Select(b => (ushort)b), image.ToUInt16Array());
    }

    [Theory]
    [InlineData("adam7-rgb8.png", "pattern.png")]
    [InlineData("adam7-rgba16.png", "rgba16-ref.png")]
    [InlineData("adam7-gray4.png", "gray4-ref.png")]
    [InlineData("palette8.png", "palette8-ref.png")]
    [InlineData("palette4.png", "palette4-ref.png")]
    [InlineData("palette-trns.png", "palette-trns-ref.png")]
    [InlineData("gray1.png", "gray1-ref.png")]
    [InlineData("gray2.png", "gray2-ref.png")]
    [InlineData("gray4.png", "gray4-ref.png")]
    public void Decode_InterlacedPaletteOrLowDepth_MatchesPlainReference(string fixture, string reference)
    {
        ImagingFixtures.AssertSameSamples(ImagingFixtures.Read(reference), ImagingFixtures.Read(fixture));
    }

    [Fact]
    public void Decode_PaletteWithTrns_HasAlphaChannel()
    {
        var image = ImagingFixtures.Read("palette-trns.png");
        Assert.Equal(4, image.Channels);
        Assert.Contains(image.ToUInt16Array().Where((_, i) => i % 4 == 3), a => a < 255);
    }

    [Fact]
    public void Decode_OneBitGray_ScalesToFullRange()
    {
        var image = ImagingFixtures.Read("gray1.png");
        Assert.All(image.ToUInt16Array(), s => Assert.True(s is 0 or 255));
        Assert.Contains((ushort)0, image.ToUInt16Array());
        Assert.Contains((ushort)255, image.ToUInt16Array());
    }

    [Fact]
    public void Decode_BadCrc_ThrowsNamingChunkAndFile()
    {
        byte[] data = Encode(ImagingFixtures.Generate(9, 7, 3, 8, 1));
        int idat = IndexOf(data, "IDAT");
        data[idat + 6] ^= 0x10;
        var e = Assert.Throws<ImageFormatException>(() => ImageCodecs.Decode(data, "baby.png"));
        Assert.Equal("baby.png: bad CRC in IDAT chunk", e.Message);
    }

    [Fact]
    public void Decode_Truncated_ThrowsImageFormatException()
    {
        byte[] data = Encode(ImagingFixtures.Generate(9, 7, 3, 8, 1));
        for (int length = 0; length < data.Length; length++)
            Assert.Throws<ImageFormatException>(() => ImageCodecs.Decode(data[..length], "t.png"));
    }

    [Fact]
    public void Decode_AbsurdDimensions_ThrowsBeforeAllocating()
    {
        byte[] data = Encode(ImagingFixtures.Generate(2, 2, 1, 8, 1));
        int ihdr = IndexOf(data, "IHDR");
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(ihdr + 4), 1_000_000);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(ihdr + 8), 1_000_000);
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(ihdr + 17), System.IO.Hashing.Crc32.HashToUInt32(data.AsSpan(ihdr, 17)));
        var e = Assert.Throws<ImageFormatException>(() => ImageCodecs.Decode(data, "big.png"));
        Assert.Contains("exceeds the limit", e.Message);
    }

    internal static byte[] Encode(Image image)
    {
        var stream = new MemoryStream();
        ImageCodecs.Write(image, stream, ImageFileFormat.Png);
        return stream.ToArray();
    }

    private static int IndexOf(byte[] data, string type) =>
        data.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(type));
}
