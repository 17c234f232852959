using SuperRes.Cli;
using SuperRes.Imaging;
using SuperRes.Tests.Evaluation;

namespace SuperRes.Tests.Cli;

public sealed class UpscaleCommandTests : IDisposable
{
    private readonly string _root = TestImages.TempFolder();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Upscale_16BitRgba_Stays16BitAndKeepsAlpha()
    {
        var input = Path.Combine(_root, "in.png");
        var source = TestImages.Smooth(9, 7, 4, seed: 1, bitDepth: 16);
        ImageCodecs.Write(source, input);
        var output = Path.Combine(_root, "out.png");

        var (code, _, error) = CliHarness.Run("upscale", input, "-o", output, "--scale", "2");

        Assert.True(code == ExitCodes.Success, error);
        var result = ImageCodecs.Read(output);
        Assert.Equal((18, 14, 4, 16), (result.Width, result.Height, result.Channels, result.BitDepth));
        // Alpha is upscaled by bicubic imresize: every sample is the double-precision reference's, rounded to 16 bits.
        var alpha = ReferencePipeline.Quantize(ReferencePipeline.Resize(ReferencePipeline.Planes(source, 4)[3], 2), 16);
        for (int y = 0; y < 14; y++)
            for (int x = 0; x < 18; x++)
                Assert.True(Math.Abs(result[x, y, 3] - alpha[y, x] * 257) <= 1, $"alpha ({x}, {y}): {result[x, y, 3]} against {alpha[y, x] * 257:F2}");
        Assert.Contains(result.ToUInt16Array(), s => s % 257 != 0); // real 16-bit values, not 8-bit ones widened
    }

    [Fact]
    public void Upscale_BrokenInput_ExitsTwoWithOneLineAndWritesNothing()
    {
        var input = Path.Combine(_root, "broken.png");
        File.WriteAllBytes(input, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]);
        var output = Path.Combine(_root, "out.png");

        var (code, _, error) = CliHarness.Run("upscale", input, "-o", output);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("broken.png", error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(File.Exists(output));
        Assert.Single(Directory.GetFiles(_root));
    }

    [Fact]
    public void Upscale_HeaderClaimingAHugeSize_ExitsTwoAtOnce()
    {
        // Nothing sized by the header's claim may run before the decoder refuses it.
        var input = Path.Combine(_root, "huge.png");
        File.WriteAllBytes(input, SuperRes.Tests.Imaging.ImagingFixtures.PngClaiming(60_000_000, 60_000_000));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var (code, _, error) = CliHarness.Run("upscale", input, "-o", Path.Combine(_root, "out.png"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("exceeds the limit", error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Upscale_MissingInput_ExitsTwo()
    {
        var (code, _, error) = CliHarness.Run("upscale", Path.Combine(_root, "none.png"), "-o", Path.Combine(_root, "o.png"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("none.png", error);
    }

    [Fact]
    public void Upscale_MissingOutputFolder_ExitsFour()
    {
        var input = Path.Combine(_root, "in.png");
        ImageCodecs.Write(TestImages.Smooth(8, 8, 3, seed: 2), input);
        var (code, _, _) = CliHarness.Run("upscale", input, "-o", Path.Combine(_root, "no", "o.png"));
        Assert.Equal(ExitCodes.OutputError, code);
    }

    [Fact]
    public void Upscale_UnknownOutputExtension_ExitsOne()
    {
        var input = Path.Combine(_root, "in.png");
        ImageCodecs.Write(TestImages.Smooth(8, 8, 3, seed: 3), input);
        Assert.Equal(ExitCodes.Usage, CliHarness.Run("upscale", input, "-o", Path.Combine(_root, "o.tiff")).ExitCode);
    }
}
