using System.Security.Cryptography;
using System.Text;
using SuperRes.Imaging;

namespace SuperRes.Tests.Imaging;

/// <summary>12-bit JPEG (SOF1, precision 12) decoded to 16-bit images.</summary>
public class Jpeg12BitTests
{
    /// <summary>
    /// libjpeg-turbo's testorig12.jpg (4:2:0, Huffman, extended sequential). libjpeg-turbo's own test suite
    /// (CMakeLists.txt before commit 54bd58cc, MD5_PPM_EXAMPLE_DECOMPRESS for 12 bits) gives the MD5 of its
    /// default decode (islow IDCT, fancy upsampling) written as a maxval-4095 PPM with big-endian samples.
    /// </summary>
    [Fact]
    public void Decode_Testorig12_EqualsLibjpegTurbo12BitDecode()
    {
        var image = ImagingFixtures.Read("testorig12.jpg");
        Assert.Equal((227, 149, 3, 16), (image.Width, image.Height, image.Channels, image.BitDepth));
        var ppm = new MemoryStream();
        ppm.Write(Encoding.ASCII.GetBytes("P6\n227 149\n4095\n"));
        foreach (ushort s in image.Samples16)
        {
            int v12 = (s * 4095 + 32767) / 65535;
            Assert.Equal(s, (ushort)((v12 * 65535 + 2047) / 4095)); // 16-bit samples are exactly round(v12 * 65535 / 4095)
            ppm.WriteByte((byte)(v12 >> 8));
            ppm.WriteByte((byte)v12);
        }
        Assert.Equal("70194fdcb73370ee7ba0db868d0c6fc8", Convert.ToHexStringLower(MD5.HashData(ppm.ToArray())));
    }

    [Fact]
    public void Decode_Testorig12_WrittenAsPng_Stays16Bit()
    {
        var image = ImagingFixtures.Read("testorig12.jpg");
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"testorig12-{Guid.NewGuid():N}.png");
        try
        {
            ImageCodecs.Write(image, path);
            ImagingFixtures.AssertSameSamples(image, ImageCodecs.Read(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Decode_Precision16_ThrowsUnsupportedPrecision()
    {
        byte[] data = ImagingFixtures.Bytes("testorig12.jpg");
        int sof = data.AsSpan().IndexOf([(byte)0xFF, (byte)0xC1]);
        data[sof + 4] = 16;
        var e = Assert.Throws<ImageFormatException>(() => ImageCodecs.Decode(data, "x.jpg"));
        Assert.Equal("x.jpg: unsupported sample precision 16 bits (8 and 12 are supported)", e.Message);
    }
}
