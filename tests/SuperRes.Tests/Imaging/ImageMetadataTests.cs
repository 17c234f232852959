using SuperRes.Imaging;
using SuperRes.Imaging.Jpeg;
using SuperRes.Imaging.Png;

namespace SuperRes.Tests.Imaging;

/// <summary>EXIF orientation from a PNG eXIf chunk; ICC profiles from BMP V5 headers.</summary>
public class ImageMetadataTests
{
    /// <summary>A PNG with an eXIf chunk (TIFF header first, no "Exif" prefix) holding one orientation entry.</summary>
    private static byte[] PngWithOrientation(Image image, int orientation, bool littleEndian, bool afterIdat = false)
    {
        var png = new MemoryStream();
        ImageCodecs.Write(image, png, ImageFileFormat.Png);
        byte[] data = png.ToArray();
        byte[] tiff = littleEndian
            ? [(byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte)orientation, 0, 0, 0, 0, 0, 0, 0]
            : [(byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte)orientation, 0, 0, 0, 0, 0, 0];
        var chunk = new MemoryStream();
        PngChunk.Write(chunk, "eXIf", tiff);
        int at = afterIdat ? data.Length - 12 : 8 + 25; // before IEND, or right after IHDR
        return [.. data[..at], .. chunk.ToArray(), .. data[at..]];
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(5, true)]
    [InlineData(6, false)]
    [InlineData(8, true)]
    public void Png_ExifOrientation_AppliedLikeJpeg(int orientation, bool littleEndian)
    {
        var source = ImagingFixtures.Generate(7, 4, 3, 8, seed: orientation);
        var image = ImageCodecs.Decode(PngWithOrientation(source, orientation, littleEndian));
        ImagingFixtures.AssertSameSamples(ExifOrientation.Apply(source, orientation), image);
        Assert.Equal(orientation >= 5 ? (4, 7) : (7, 4), (image.Width, image.Height));
    }

    [Fact]
    public void Png_ExifOrientation_AfterIdatAndSixteenBit_Applied()
    {
        var source = ImagingFixtures.Generate(5, 3, 4, 16, seed: 9);
        var image = ImageCodecs.Decode(PngWithOrientation(source, 6, littleEndian: true, afterIdat: true));
        ImagingFixtures.AssertSameSamples(ExifOrientation.Apply(source, 6), image);
    }

    [Fact]
    public void Png_ExifOrientationDisabled_KeepsStoredLayout()
    {
        var source = ImagingFixtures.Generate(7, 4, 1, 8, seed: 1);
        var image = ImageCodecs.Decode(PngWithOrientation(source, 6, littleEndian: false), options: new ImageReadOptions { ApplyExifOrientation = false });
        ImagingFixtures.AssertSameSamples(source, image);
    }

    [Fact]
    public void Png_MalformedExif_IgnoredAsMetadata()
    {
        var source = ImagingFixtures.Generate(7, 4, 3, 8, seed: 2);
        byte[] data = PngWithOrientation(source, 6, littleEndian: true);
        int exif = data.AsSpan().IndexOf("eXIf"u8);
        data[exif + 8] = 0xFF; // IFD offset far past the chunk; CRC no longer matches, so fix it
        var body = data.AsSpan(exif + 4, 26).ToArray();
        var fixedCrc = System.IO.Hashing.Crc32.HashToUInt32([.. "eXIf"u8, .. body]);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(exif + 4 + 26), fixedCrc);
        ImagingFixtures.AssertSameSamples(source, ImageCodecs.Decode(data));
    }

    /// <summary>bmp-rgb24-v5.bmp of the PIL corpus with a profile appended after the pixels and named in the V5 header.</summary>
    internal static byte[] BmpWithProfile(byte[] profile)
    {
        byte[] bmp = File.ReadAllBytes(Path.Combine(TestPaths.RepositoryRoot, "tests", "fixtures", "pil-parity", "bmp-rgb24-v5.bmp"));
        byte[] data = [.. bmp, .. profile];
        BitConverter.GetBytes(0x4D424544u).CopyTo(data, 14 + 56); // PROFILE_EMBEDDED
        BitConverter.GetBytes(bmp.Length - 14).CopyTo(data, 14 + 112);
        BitConverter.GetBytes(profile.Length).CopyTo(data, 14 + 116);
        BitConverter.GetBytes(data.Length).CopyTo(data, 2);
        return data;
    }

    [Fact]
    public void Bmp_V5EmbeddedProfile_Read()
    {
        var profile = Enumerable.Range(0, 700).Select(i => (byte)(i * 7)).ToArray();
        byte[] data = BmpWithProfile(profile);
        Assert.Equal(profile, IccProfile.Read(data));
        var path = Path.Combine(Path.GetTempPath(), $"icc-{Guid.NewGuid():N}.bmp");
        try
        {
            File.WriteAllBytes(path, data);
            Assert.Equal(profile, IccProfile.Read(path));
            var plain = ImageCodecs.Read(Path.Combine(TestPaths.RepositoryRoot, "tests", "fixtures", "pil-parity", "bmp-rgb24-v5.bmp"));
            ImagingFixtures.AssertSameSamples(plain, ImageCodecs.Read(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Bmp_ProfileOutsideTheFile_ReadsAsNone()
    {
        byte[] data = BmpWithProfile([1, 2, 3]);
        BitConverter.GetBytes(data.Length).CopyTo(data, 14 + 112);
        Assert.Null(IccProfile.Read(data));
        Assert.Null(IccProfile.Read(File.ReadAllBytes(Path.Combine(TestPaths.RepositoryRoot, "tests", "fixtures", "pil-parity", "bmp-rgb24-v4.bmp"))));
    }
}
