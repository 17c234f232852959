using SuperRes.Imaging;

namespace SuperRes.Tests.Imaging;

public class PngEncoderTests
{
    [Theory]
    [InlineData(1, 8)]
    [InlineData(2, 8)]
    [InlineData(3, 8)]
    [InlineData(4, 8)]
    [InlineData(1, 16)]
    [InlineData(2, 16)]
    [InlineData(3, 16)]
    [InlineData(4, 16)]
    public void Encode_AnyChannelsAndDepth_RoundTripsLosslessly(int channels, int bitDepth)
    {
        foreach (var (w, h) in new[] { (1, 1), (17, 5), (63, 31) })
        {
            var image = ImagingFixtures.Generate(w, h, channels, bitDepth, seed: w * 100 + channels);
            var decoded = ImageCodecs.Decode(PngDecoderTests.Encode(image));
            ImagingFixtures.AssertSameSamples(image, decoded);
        }
    }

    [Fact]
    public void Write_ToPath_WritesAtomicallyAndReadsBack()
    {
        string folder = Directory.CreateTempSubdirectory("superres-png").FullName;
        try
        {
            var image = ImagingFixtures.Generate(13, 11, 3, 8, seed: 5);
            string path = Path.Combine(folder, "out.png");
            ImageCodecs.Write(image, path);
            ImageCodecs.Write(image, path); // overwrite works
            ImagingFixtures.AssertSameSamples(image, ImageCodecs.Read(path));
            Assert.Single(Directory.GetFiles(folder)); // no temporary files left behind
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Write_JpegExtension_WritesAJpegOurDecoderReads()
    {
        var folder = Path.Combine(Path.GetTempPath(), "superres-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var path = Path.Combine(folder, "x.jpg");
            ImageCodecs.Write(new Image(2, 2, 3, 8), path);
            Assert.Equal(ImageFileFormat.Jpeg, ImageCodecs.DetectFormat(File.ReadAllBytes(path)));
            Assert.Equal(2, ImageCodecs.Read(path).Width);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
