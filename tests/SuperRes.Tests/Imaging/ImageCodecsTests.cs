using SuperRes.Imaging;

namespace SuperRes.Tests.Imaging;

public class ImageCodecsTests
{
    [Theory]
    [InlineData("pattern.png", ImageFileFormat.Png)]
    [InlineData("baseline420.jpg", ImageFileFormat.Jpeg)]
    [InlineData("rgb24.bmp", ImageFileFormat.Bmp)]
    [InlineData("orient-src.ppm", ImageFileFormat.Pnm)]
    [InlineData("gray.pgm", ImageFileFormat.Pnm)]
    [InlineData("make-png-fixtures.sh", ImageFileFormat.Unknown)]
    public void DetectFormat_Fixture_RecognisesSignature(string name, ImageFileFormat expected)
    {
        Assert.Equal(expected, ImageCodecs.DetectFormat(ImagingFixtures.Bytes(name)));
    }

    [Theory]
    [InlineData("pattern.png")]
    [InlineData("baseline420.jpg")]
    [InlineData("rgb24.bmp")]
    [InlineData("baseline420.ppm")]
    public void Read_OverPixelLimit_ThrowsBeforeDecoding(string name)
    {
        var options = new ImageReadOptions { MaxPixels = 37 * 29 - 1 };
        var e = Assert.Throws<ImageFormatException>(() => ImageCodecs.Read(ImagingFixtures.Path(name), options));
        Assert.Equal($"{name}: image size 37x29 exceeds the limit of {37 * 29 - 1} pixels", e.Message);
        Assert.Equal(37, ImageCodecs.Read(ImagingFixtures.Path(name)).Width); // the default limit accepts it
    }

    [Fact]
    public void Read_Stream_MatchesPath()
    {
        using var stream = File.OpenRead(ImagingFixtures.Path("progressive420.jpg"));
        ImagingFixtures.AssertSameSamples(ImagingFixtures.Read("progressive420.jpg"), ImageCodecs.Read(stream, "p.jpg"));
    }

    [Fact]
    public void Read_UnknownFormat_MessageNamesFile()
    {
        var e = Assert.Throws<ImageFormatException>(() => ImageCodecs.Read(ImagingFixtures.Path("make-png-fixtures.sh")));
        Assert.Equal("make-png-fixtures.sh", e.FileName);
        Assert.StartsWith("make-png-fixtures.sh: unknown image format", e.Message);
    }

    [Theory]
    [InlineData("a.png", 4, 16)]
    [InlineData("b.bmp", 3, 8)]
    [InlineData("c.ppm", 3, 16)]
    [InlineData("d.pgm", 1, 8)]
    [InlineData("E.PNG", 2, 8)]
    public void Write_ByExtension_ReadsBackTheSameImage(string fileName, int channels, int bitDepth)
    {
        string folder = Directory.CreateTempSubdirectory("superres-codecs").FullName;
        try
        {
            var image = ImagingFixtures.Generate(9, 6, channels, bitDepth, seed: 11);
            string path = Path.Combine(folder, fileName);
            ImageCodecs.Write(image, path);
            ImagingFixtures.AssertSameSamples(image, ImageCodecs.Read(path));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Write_UnknownExtension_Throws()
    {
        var e = Assert.Throws<NotSupportedException>(() => ImageCodecs.Write(new Image(1, 1, 1, 8), "x.tiff"));
        Assert.Contains("x.tiff", e.Message);
    }
}
