using SuperRes.Fuzz;
using SuperRes.Imaging;

namespace SuperRes.Tests.Imaging;

/// <summary>
/// tRNS colour keys on gray and RGB images become an alpha channel (libpng's tRNS-to-alpha): alpha 0
/// where every raw sample equals the key, opaque elsewhere. The cases mirror PngSuite's tbbn0g04,
/// tbwn0g16, tbrn2c08, tbbn2c16 and tbgn2c16 (gray 4 and 16 bits, RGB 8 and 16 bits), generated here.
/// </summary>
public class PngTransparencyTests
{
    private static readonly (int X0, int Y0, int Dx, int Dy)[] Adam7 =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    [Theory]
    [InlineData(0, 4, false)]  // tbbn0g04
    [InlineData(0, 16, false)] // tbwn0g16
    [InlineData(2, 8, false)]  // tbrn2c08
    [InlineData(2, 16, false)] // tbbn2c16, tbgn2c16
    [InlineData(0, 1, false)]
    [InlineData(0, 8, true)]
    [InlineData(2, 8, true)]
    public void Decode_ColorKey_BecomesAlpha(byte colorType, byte depth, bool interlaced)
    {
        const int width = 11, height = 9;
        int channels = colorType == 0 ? 1 : 3;
        int max = (1 << depth) - 1;
        // Samples vary; every third pixel takes the key colour; one pixel differs from it in the last channel only.
        int[] key = colorType == 0 ? [max / 3] : [max / 3, max / 5, max / 7];
        int Sample(int x, int y, int c) => (x + 2 * y) % 3 == 0 ? key[c] : (x * 37 + y * 11 + c * 5) % (max + 1);
        int SampleOdd(int x, int y, int c) => x == 1 && y == 0 && c == channels - 1 ? (key[c] + 1) % (max + 1) : Sample(x, y, c);

        byte[] trns = [.. key.SelectMany(k => new[] { (byte)(k >> 8), (byte)k })];
        byte[] raw = Pack(width, height, channels, depth, interlaced, SampleOdd);
        byte[] png = FileBuilder.Concat(FileBuilder.PngSignature, FileBuilder.Ihdr(width, height, depth, colorType, (byte)(interlaced ? 1 : 0)),
            FileBuilder.PngChunk("tRNS", trns), FileBuilder.PngChunk("IDAT", FileBuilder.Zlib(raw)), FileBuilder.PngChunk("IEND", []));

        var image = ImageCodecs.Decode(png, "key.png");

        Assert.Equal((channels + 1, depth == 16 ? 16 : 8), (image.Channels, image.BitDepth));
        int scale = depth >= 8 ? 1 : 255 / max;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                bool transparent = true;
                for (int c = 0; c < channels; c++)
                {
                    Assert.Equal(SampleOdd(x, y, c) * scale, image[x, y, c]);
                    transparent &= SampleOdd(x, y, c) == key[c];
                }
                Assert.Equal(transparent ? 0 : image.MaxValue, image[x, y, channels]);
            }
        Assert.Equal(0, image[0, 0, channels]);
        Assert.Equal(image.MaxValue, image[1, 0, channels]);
    }

    [Fact]
    public void Decode_ColorKeyOfWrongLength_Refused()
    {
        byte[] png = FileBuilder.Png(2, 2, 8, 2, FileBuilder.PngChunk("tRNS", [0, 1]), FileBuilder.PngChunk("IDAT", FileBuilder.Zlib(new byte[14])));
        var e = Assert.Throws<ImageFormatException>(() => ImageCodecs.Decode(png, "k.png"));
        Assert.Equal("k.png: bad tRNS chunk length 2 (expected 6)", e.Message);
    }

    /// <summary>Filter-0 rows of packed samples (big-endian, MSB first), in Adam7 passes when interlaced.</summary>
    private static byte[] Pack(int width, int height, int channels, int depth, bool interlaced, Func<int, int, int, int> sample)
    {
        var output = new List<byte>();
        foreach (var (x0, y0, dx, dy) in interlaced ? Adam7 : [(0, 0, 1, 1)])
        {
            for (int y = y0; y < height; y += dy)
            {
                if (x0 >= width) break;
                output.Add(0);
                int bits = 0, acc = 0;
                for (int x = x0; x < width; x += dx)
                    for (int c = 0; c < channels; c++)
                    {
                        int v = sample(x, y, c);
                        if (depth == 16) output.AddRange([(byte)(v >> 8), (byte)v]);
                        else if (depth == 8) output.Add((byte)v);
                        else
                        {
                            acc = acc << depth | v;
                            bits += depth;
                            if (bits == 8) { output.Add((byte)acc); acc = bits = 0; }
                        }
                    }
                if (bits > 0) output.Add((byte)(acc << (8 - bits)));
            }
        }
        return [.. output];
    }
}
