using SuperRes.Imaging;

namespace SuperRes.Tests.Imaging;

public class BmpRleTests
{
    private static string Corpus(string name) => Path.Combine(TestPaths.RepositoryRoot, "tests", "fixtures", "pil-parity", name);

    /// <summary>Every cut throws, except dropping only the end-of-bitmap code after the last row's end of line.</summary>
    [Theory]
    [InlineData("bmp-rle8.bmp")]
    [InlineData("bmp-rle4.bmp")]
    public void Decode_EveryTruncation_ThrowsImageFormatException(string name)
    {
        byte[] data = File.ReadAllBytes(Corpus(name));
        for (int length = 0; length < data.Length - 2; length++)
        {
            var e = Assert.Throws<ImageFormatException>(() => ImageCodecs.Decode(data[..length], "x.bmp"));
            Assert.StartsWith("x.bmp: ", e.Message);
        }
    }

    [Fact]
    public void Decode_Rle8WithSixteenBitsPerPixel_Refused()
    {
        byte[] data = File.ReadAllBytes(Corpus("bmp-rle8.bmp"));
        data[28] = 16;
        var e = Assert.Throws<ImageFormatException>(() => ImageCodecs.Decode(data, "x.bmp"));
        Assert.Equal("x.bmp: bad BMP: RLE8 with 16 bits per pixel", e.Message);
    }

    /// <summary>A delta escape skips pixels, which stay palette index 0, and an early end of bitmap leaves the rest at index 0.</summary>
    [Fact]
    public void Decode_DeltaAndEarlyEnd_LeaveIndexZero()
    {
        byte[] palette = [10, 20, 30, 0, 40, 50, 60, 0, 70, 80, 90, 0];
        // 4x3, bottom-up: row 2 (bottom): run of 2 x index 1, delta right 1 up 1, one pixel index 2, end of bitmap.
        byte[] rle = [2, 1, 0, 2, 1, 1, 1, 2, 0, 1];
        var header = new byte[40];
        BitConverter.GetBytes(40).CopyTo(header, 0);
        BitConverter.GetBytes(4).CopyTo(header, 4);
        BitConverter.GetBytes(3).CopyTo(header, 8);
        BitConverter.GetBytes((short)1).CopyTo(header, 12);
        BitConverter.GetBytes((short)8).CopyTo(header, 14);
        BitConverter.GetBytes(1).CopyTo(header, 16);
        BitConverter.GetBytes(3).CopyTo(header, 32);
        int offset = 14 + 40 + palette.Length;
        byte[] file = [(byte)'B', (byte)'M', .. BitConverter.GetBytes(offset + rle.Length), 0, 0, 0, 0, .. BitConverter.GetBytes(offset), .. header, .. palette, .. rle];
        var image = ImageCodecs.Decode(file);
        int[] expected = [0, 0, 0, 0, /* row 1 */ 0, 0, 0, 2, /* row 2 */ 1, 1, 0, 0];
        for (int i = 0; i < 12; i++)
        {
            int index = expected[i];
            Assert.Equal((30 + 30 * index, 20 + 30 * index, 10 + 30 * index), (image.Samples8[3 * i], image.Samples8[3 * i + 1], image.Samples8[3 * i + 2]));
        }
    }
}
