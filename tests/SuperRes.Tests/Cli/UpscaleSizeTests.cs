using SuperRes.Cli;
using SuperRes.Imaging;
using SuperRes.Inference;
using SuperRes.Models;
using SuperRes.Processing;
using SuperRes.Tests.Evaluation;

namespace SuperRes.Tests.Cli;

public sealed class UpscaleSizeTests : IDisposable
{
    private readonly string _root = TestImages.TempFolder();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string WriteInput(Image image)
    {
        var path = Path.Combine(_root, "in.png");
        ImageCodecs.Write(image, path);
        return path;
    }

    [Theory]
    [InlineData(new[] { "--outscale", "3" }, 30, 21)]
    [InlineData(new[] { "--outscale", "1.5" }, 15, 11)] // 10.5 rounds half away from zero
    [InlineData(new[] { "--width", "25" }, 25, 18)]
    [InlineData(new[] { "--height", "14" }, 20, 14)]
    [InlineData(new[] { "--width", "33", "--height", "9" }, 33, 9)]
    [InlineData(new[] { "--outscale", "6" }, 60, 42)] // above the model's x4: x4, then bicubic up
    public void AnySize_BuiltInModelThenBicubic(string[] sizeOptions, int width, int height)
    {
        var input = WriteInput(TestImages.Smooth(10, 7, 3, seed: 1));
        var output = Path.Combine(_root, "o.png");
        var (code, _, error) = CliHarness.Run(["upscale", input, "-o", output, .. sizeOptions]);
        Assert.True(code == ExitCodes.Success, error);
        var result = ImageCodecs.Read(output);
        Assert.Equal((width, height), (result.Width, result.Height));
    }

    [Fact]
    public void Outscale3_IsTheModelsX4ResizedByImresize()
    {
        var source = TestImages.Smooth(10, 7, 1, seed: 2);
        var output = Path.Combine(_root, "o.png");
        var (code, _, error) = CliHarness.Run("upscale", WriteInput(source), "-o", output, "--outscale", "3");
        Assert.True(code == ExitCodes.Success, error);

        using var model = BuiltInModel.Load()!;
        var x4 = new Upscaler(model, 4).UpscalePlanes(ImagePlanes.Split(source));
        var expected = ImagePlanes.Merge([Imresize.ResizeTo(x4[0], 30, 21)], 8);
        var result = ImageCodecs.Read(output);
        Assert.InRange(result.ToUInt16Array().Zip(expected.ToUInt16Array(), (a, b) => Math.Abs(a - b)).Max(), 0, 1);
    }

    [Fact]
    public void AlphaModel_OpaqueImage_SameColourAsWithoutAlpha()
    {
        var rgb = TestImages.Smooth(12, 10, 3, seed: 3);
        var rgba = new Image(12, 10, 4, 8);
        for (int i = 0; i < 120; i++)
        {
            for (int c = 0; c < 3; c++) rgba.SetSample(i * 4 + c, rgb.GetSample(i * 3 + c));
            rgba.SetSample(i * 4 + 3, 255);
        }
        ImageCodecs.Write(rgb, Path.Combine(_root, "rgb.png"));
        ImageCodecs.Write(rgba, Path.Combine(_root, "rgba.png"));
        Assert.Equal(0, CliHarness.Run("upscale", Path.Combine(_root, "rgb.png"), "-o", Path.Combine(_root, "a.png"), "--scale", "2").ExitCode);
        var (code, _, error) = CliHarness.Run("upscale", Path.Combine(_root, "rgba.png"), "-o", Path.Combine(_root, "b.png"), "--scale", "2", "--alpha", "model");
        Assert.True(code == ExitCodes.Success, error);

        var a = ImageCodecs.Read(Path.Combine(_root, "a.png"));
        var b = ImageCodecs.Read(Path.Combine(_root, "b.png"));
        Assert.Equal(4, b.Channels);
        int worst = 0;
        for (int i = 0; i < a.Width * a.Height; i++)
        {
            for (int c = 0; c < 3; c++) worst = Math.Max(worst, Math.Abs(a.GetSample(i * 3 + c) - b.GetSample(i * 4 + c)));
            Assert.InRange(b.GetSample(i * 4 + 3), 250, 255); // opaque stays (nearly) opaque through the network
        }
        Assert.InRange(worst, 0, 1);
    }

    [Fact]
    public void AlphaModel_NoColourBleedsFromTransparentPixels()
    {
        // Left half: opaque gray 100; right half: transparent, its colour red (invisible, but there).
        var image = new Image(16, 12, 4, 8);
        for (int y = 0; y < 12; y++)
            for (int x = 0; x < 16; x++)
            {
                bool opaque = x < 8;
                image[x, y, 0] = (ushort)(opaque ? 100 : 255);
                image[x, y, 1] = image[x, y, 2] = (ushort)(opaque ? 100 : 0);
                image[x, y, 3] = (ushort)(opaque ? 255 : 0);
            }
        var input = WriteInput(image);
        int Bleed(string alpha)
        {
            var output = Path.Combine(_root, $"{alpha}.png");
            var (code, _, error) = CliHarness.Run("upscale", input, "-o", output, "--scale", "2", "--alpha", alpha);
            Assert.True(code == ExitCodes.Success, error);
            var result = ImageCodecs.Read(output);
            int worst = 0;
            for (int y = 0; y < result.Height; y++)
                for (int x = 0; x < result.Width; x++)
                    if (result[x, y, 3] >= 64) worst = Math.Max(worst, Math.Abs(result[x, y, 0] - result[x, y, 1]));
            return worst;
        }
        int model = Bleed("model"), bicubic = Bleed("bicubic");
        // The hidden red tints visible pixels (R above G) unless colour is premultiplied by alpha before the network.
        Assert.True(model <= 2 && bicubic > 30, $"red tint in visible pixels: {model} levels with --alpha model, {bicubic} with bicubic");
    }

    [Theory]
    [InlineData("--scale", "abc")]
    [InlineData("--scale", "2.5")]
    [InlineData("--scale", "99999999999")]
    [InlineData("--tile", "abc")]
    [InlineData("--outscale", "1")]
    [InlineData("--quality", "101")]
    [InlineData("--alpha", "both")]
    [InlineData("--chroma", "4:1:1")]
    [InlineData("--png-level", "10")]
    [InlineData("--png-level", "fast")]
    [InlineData("--format", "tiff")]
    public void BadValue_OneUsageLineNoStackTrace(string option, string value)
    {
        var input = WriteInput(TestImages.Smooth(6, 6, 3, seed: 5));
        var (code, output, error) = CliHarness.Run("upscale", input, "-o", Path.Combine(_root, "o.png"), option, value);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains(option, error);
        Assert.DoesNotContain(" at ", error);
        Assert.Equal("", output);
    }

    [Fact]
    public void ScaleAndOutscale_Together_UsageError()
    {
        var input = WriteInput(TestImages.Smooth(6, 6, 3, seed: 5));
        Assert.Equal(ExitCodes.Usage, CliHarness.Run("upscale", input, "-o", Path.Combine(_root, "o.png"), "--scale", "2", "--outscale", "3").ExitCode);
    }

    [Fact]
    public void BuiltInModelScale8_HintNamesEveryScaleAndOutscale()
    {
        var input = WriteInput(TestImages.Smooth(6, 6, 3, seed: 5));
        var (code, _, error) = CliHarness.Run("upscale", input, "-o", Path.Combine(_root, "o.png"), "--scale", "8");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--scale 2 or --scale 4", error);
        Assert.Contains("--outscale 8", error);
    }

    [Fact]
    public void ArchitectureName_ExplainedNotUnknown()
    {
        var input = WriteInput(TestImages.Smooth(6, 6, 3, seed: 5));
        var (code, _, error) = CliHarness.Run("upscale", input, "-o", Path.Combine(_root, "o.png"), "--model", "srcnn");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("architecture", error);
        Assert.DoesNotContain("unknown model", error);
    }

    [Fact]
    public void Success_OneLineWithPathSizeAndSeconds()
    {
        var input = WriteInput(TestImages.Smooth(6, 5, 3, seed: 5));
        var output = Path.Combine(_root, "o.png");
        var (code, stdout, _) = CliHarness.Run("upscale", input, "-o", output, "-m", "bicubic");
        Assert.Equal(0, code);
        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(output)}: 24x20, [0-9.]+ s$", stdout.Trim());
    }
}
