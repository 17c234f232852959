using System.Diagnostics;
using SuperRes.Cli;
using SuperRes.Imaging;
using SuperRes.Processing;
using SuperRes.Tests.Evaluation;

namespace SuperRes.Tests.Cli;

/// <summary>Bicubic and BMP/PGM/PPM outputs stream in bands; outputs built whole are held to --max-memory.</summary>
public sealed class UpscaleStreamingTests : IDisposable
{
    private readonly string _root = TestImages.TempFolder();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string PathOf(string name) => Path.Combine(_root, name);

    [Theory]
    [InlineData("o.png", 3, 8)]
    [InlineData("o.png", 4, 16)]
    [InlineData("o.bmp", 3, 8)]
    [InlineData("o.ppm", 3, 16)]
    [InlineData("o.pgm", 1, 8)]
    public void Bicubic_StreamedOutput_BitwiseEqualsWholeImageResize(string name, int channels, int bitDepth)
    {
        var image = TestImages.Smooth(37, 23, channels, seed: 9, bitDepth);
        var input = PathOf("in.png");
        ImageCodecs.Write(image, input);
        var (code, _, error) = CliHarness.Run("upscale", input, "-o", PathOf(name), "-m", "bicubic", "--width", "101");
        Assert.True(code == ExitCodes.Success, error);

        int height = ImageCodecs.Read(PathOf(name)).Height;
        var expected = ImagePlanes.Merge(ImagePlanes.Split(image).Select(p => Imresize.ResizeTo(p, 101, height)).ToArray(), bitDepth);
        if (name.EndsWith(".bmp", StringComparison.Ordinal)) expected = ImageCodecs.Decode(Encoded(expected, ImageFileFormat.Bmp));
        Assert.Equal(63, height);
        SuperRes.Tests.Imaging.ImagingFixtures.AssertSameSamples(expected, ImageCodecs.Read(PathOf(name)));
    }

    [Fact]
    public void JpegOutput_OverMaxMemory_RefusedBeforeWorkAndAcceptedWhenRaised()
    {
        var input = PathOf("in.png");
        ImageCodecs.Write(TestImages.Smooth(16, 12, 3, seed: 2), input);
        var (code, _, error) = CliHarness.Run("upscale", input, "-o", PathOf("o.jpg"), "-m", "bicubic", "--scale", "4", "--max-memory", "100K");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--max-memory limit of 0 MB", error);
        Assert.Contains("streamed in bands", error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(File.Exists(PathOf("o.jpg")));

        (code, _, error) = CliHarness.Run("upscale", input, "-o", PathOf("o.jpg"), "-m", "bicubic", "--scale", "4", "--max-memory", "8M");
        Assert.True(code == ExitCodes.Success, error);
        // The same limit does not touch a streamed output.
        (code, _, error) = CliHarness.Run("upscale", input, "-o", PathOf("o.png"), "-m", "bicubic", "--scale", "4", "--max-memory", "100K");
        Assert.True(code == ExitCodes.Success, error);
    }

    [Fact]
    public void MaxMemory_BelowDecodeNeed_RefusesInputInOneLine()
    {
        var input = PathOf("big.png");
        ImageCodecs.Write(TestImages.Smooth(600, 500, 3, seed: 2), input);
        var (code, _, error) = CliHarness.Run("upscale", input, "-o", PathOf("o.png"), "-m", "bicubic", "--scale", "2", "--max-memory", "500K");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("memory limit", error);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-5M")]
    [InlineData("4T")]
    public void MaxMemory_BadValue_UsageError(string value)
    {
        var input = PathOf("in.png");
        ImageCodecs.Write(TestImages.Smooth(4, 4, 1, seed: 2), input);
        var (code, _, error) = CliHarness.Run("upscale", input, "-o", PathOf("o.png"), "-m", "bicubic", "--max-memory", value);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--max-memory", error);
    }

    [Fact]
    public async Task Bicubic_LargeOutputUnderSmallHeap_StreamsWithinIt()
    {
        // 800x600 RGB x4 is 3200x2400: built whole (as before banding), the float and double planes
        // need over 200 MB and the child ends in OutOfMemory under a 64 MB heap; streamed, it fits.
        var input = PathOf("in.png");
        ImageCodecs.Write(TestImages.Smooth(800, 600, 3, seed: 6), input);
        var output = PathOf("o.png");
        var cli = Path.Combine(AppContext.BaseDirectory, "SuperRes.Cli.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", cli, "upscale", input, "-o", output, "-m", "bicubic", "--scale", "4"])
            { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x4000000";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, await stderr);
        var result = ImageCodecs.Read(output);
        Assert.Equal((3200, 2400, 3), (result.Width, result.Height, result.Channels));
    }

    private static byte[] Encoded(Image image, ImageFileFormat format)
    {
        var stream = new MemoryStream();
        ImageCodecs.Write(image, stream, format);
        return stream.ToArray();
    }
}
