using SuperRes.Cli;
using SuperRes.Imaging;
using SuperRes.Imaging.Jpeg;
using SuperRes.Processing;
using SuperRes.Tests.Evaluation;

namespace SuperRes.Tests.Cli;

public sealed class UpscaleFormatTests : IDisposable
{
    private readonly string _root = TestImages.TempFolder();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Path_(string name) => Path.Combine(_root, name);

    private string WriteInput(int width = 16, int height = 12, int channels = 3, string name = "in.png")
    {
        ImageCodecs.Write(TestImages.Smooth(width, height, channels, seed: 4), Path_(name));
        return Path_(name);
    }

    [Fact]
    public void Jpeg_QualityAndChroma_ChangeTheSize()
    {
        var input = WriteInput(32, 32);
        long Size(params string[] extra)
        {
            var output = Path_($"o{Guid.NewGuid():N}.jpg");
            var (code, _, error) = CliHarness.Run(["upscale", input, "-o", output, "-m", "bicubic", "--scale", "2", .. extra]);
            Assert.True(code == ExitCodes.Success, error);
            Assert.Equal(64, ImageCodecs.Read(output).Width);
            return new FileInfo(output).Length;
        }
        Assert.True(Size("--quality", "30") < Size("--quality", "95"));
        Assert.True(Size("--chroma", "4:2:0") < Size("--chroma", "4:4:4"));
    }

    [Fact]
    public void Png_LevelChangesTheSizeNotThePixels()
    {
        var input = WriteInput(48, 40);
        (long Size, Image Image) Png(params string[] extra)
        {
            var output = Path_($"o{Guid.NewGuid():N}.png");
            var (code, _, error) = CliHarness.Run(["upscale", input, "-o", output, "-m", "bicubic", "--scale", "2", .. extra]);
            Assert.True(code == ExitCodes.Success, error);
            return (new FileInfo(output).Length, ImageCodecs.Read(output));
        }
        var runLength = Png();
        var stored = Png("--png-level", "0");
        var smallest = Png("--png-level", "9");
        Assert.Equal(runLength.Image.ToUInt16Array(), stored.Image.ToUInt16Array());
        Assert.Equal(runLength.Image.ToUInt16Array(), smallest.Image.ToUInt16Array());
        Assert.True(stored.Size > runLength.Size && stored.Size > smallest.Size && runLength.Size != smallest.Size,
            $"stored {stored.Size}, rle {runLength.Size}, level 9 {smallest.Size} bytes");
    }

    [Fact]
    public void Pgm_ColourInputRefusedGrayWritten()
    {
        var (code, _, error) = CliHarness.Run("upscale", WriteInput(), "-o", Path_("o.pgm"), "-m", "bicubic");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(".ppm", error);
        Assert.False(File.Exists(Path_("o.pgm")));

        (code, _, error) = CliHarness.Run("upscale", WriteInput(channels: 1, name: "g.png"), "-o", Path_("g.pgm"), "-m", "bicubic");
        Assert.True(code == ExitCodes.Success, error);
        Assert.Equal((1, 64), (ImageCodecs.Read(Path_("g.pgm")).Channels, ImageCodecs.Read(Path_("g.pgm")).Width));
    }

    [Theory]
    [InlineData("o.png")]
    [InlineData("o.jpg")]
    public void IccProfile_CarriedFromPngInput(string outputName)
    {
        var profile = Enumerable.Range(0, 3000).Select(i => (byte)(i % 251)).ToArray();
        var input = Path_("icc.png");
        using (var file = File.Create(input))
            ImageCodecs.Write(TestImages.Smooth(9, 8, 3, seed: 1), IccProfile.InsertIntoPng(file, profile), ImageFileFormat.Png);
        Assert.Equal(profile, IccProfile.Read(input));
        Assert.Equal(9, ImageCodecs.Read(input).Width); // our decoder skips iCCP

        var (code, _, error) = CliHarness.Run("upscale", input, "-o", Path_(outputName), "-m", "bicubic", "--scale", "2");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Equal(profile, IccProfile.Read(Path_(outputName)));
        Assert.Equal(18, ImageCodecs.Read(Path_(outputName)).Width);
    }

    [Theory]
    [InlineData("o.png")]
    [InlineData("o.jpg")]
    public void IccProfile_CarriedFromBmpV5Input(string outputName)
    {
        var profile = Enumerable.Range(0, 900).Select(i => (byte)(i % 13)).ToArray();
        File.WriteAllBytes(Path_("icc.bmp"), SuperRes.Tests.Imaging.ImageMetadataTests.BmpWithProfile(profile));
        var (code, _, error) = CliHarness.Run("upscale", Path_("icc.bmp"), "-o", Path_(outputName), "-m", "bicubic", "--scale", "2");
        Assert.True(code == ExitCodes.Success, error);
        Assert.Equal(profile, IccProfile.Read(Path_(outputName)));
    }

    [Fact]
    public void ExifOrientation_AppliedOnPngInput()
    {
        // A 10x4 PNG whose eXIf says orientation 6 (rotate 90 clockwise to display) is a 4x10 image.
        var png = new MemoryStream();
        ImageCodecs.Write(TestImages.Smooth(10, 4, 3, seed: 2), png, ImageFileFormat.Png);
        byte[] data = png.ToArray();
        byte[] tiff = [(byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0];
        var chunk = new MemoryStream();
        SuperRes.Imaging.Png.PngChunk.Write(chunk, "eXIf", tiff);
        File.WriteAllBytes(Path_("r.png"), [.. data[..33], .. chunk.ToArray(), .. data[33..]]);

        var (code, _, error) = CliHarness.Run("upscale", Path_("r.png"), "-o", Path_("o.png"), "-m", "bicubic", "--scale", "2");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Equal((8, 20), (ImageCodecs.Read(Path_("o.png")).Width, ImageCodecs.Read(Path_("o.png")).Height));
    }

    [Fact]
    public void IccProfile_CarriedOnTheBandedModelPath()
    {
        var profile = new byte[] { 1, 2, 3, 4, 5 };
        var input = Path_("icc.png");
        using (var file = File.Create(input))
            ImageCodecs.Write(TestImages.Smooth(9, 8, 3, seed: 1), IccProfile.InsertIntoPng(file, profile), ImageFileFormat.Png);
        var (code, _, error) = CliHarness.Run("upscale", input, "-o", Path_("o.png"), "--scale", "2", "--tile", "4");
        Assert.True(code == ExitCodes.Success, error);
        Assert.Equal(profile, IccProfile.Read(Path_("o.png")));
    }

    [Fact]
    public void ExifOrientation_AppliedOnJpegInput()
    {
        // A 10x4 JPEG tagged orientation 6 (rotate 90 clockwise to display) is a 4x10 image.
        var stream = new MemoryStream();
        JpegEncoder.Encode(TestImages.Smooth(10, 4, 3, seed: 2), stream, new JpegEncoderOptions { Quality = 95 });
        var jpeg = stream.ToArray();
        byte[] exif = [(byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0, (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0];
        byte[] app1 = [0xFF, 0xE1, 0, (byte)(exif.Length + 2), .. exif];
        File.WriteAllBytes(Path_("r.jpg"), [.. jpeg[..2], .. app1, .. jpeg[2..]]);

        var (code, _, error) = CliHarness.Run("upscale", Path_("r.jpg"), "-o", Path_("o.png"), "-m", "bicubic", "--scale", "2");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Equal((8, 20), (ImageCodecs.Read(Path_("o.png")).Width, ImageCodecs.Read(Path_("o.png")).Height));
    }

    [Fact]
    public void SixteenBitPng_StaysSixteenBit()
    {
        ImageCodecs.Write(TestImages.Smooth(7, 6, 1, seed: 3, bitDepth: 16), Path_("d.png"));
        var (code, _, error) = CliHarness.Run("upscale", Path_("d.png"), "-o", Path_("o.png"), "--scale", "2");
        Assert.True(code == ExitCodes.Success, error);
        Assert.Equal(16, ImageCodecs.Read(Path_("o.png")).BitDepth);
    }
}
