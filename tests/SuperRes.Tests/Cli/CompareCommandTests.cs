using SuperRes.Cli;
using SuperRes.Evaluation;
using SuperRes.Imaging;
using SuperRes.Tests.Evaluation;

namespace SuperRes.Tests.Cli;

public sealed class CompareCommandTests : IDisposable
{
    private readonly string _root = TestImages.TempFolder();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Compare_Bicubic_WritesCropsAndGroundTruthSideBySide()
    {
        var input = Path.Combine(_root, "hr.png");
        var source = TestImages.Smooth(42, 30, 3, seed: 2);
        ImageCodecs.Write(source, input);
        var output = Path.Combine(_root, "strip.png");

        var (code, stdout, error) = CliHarness.Run("compare", input, "-m", "bicubic", "--region", "4,8,16,12", "--scale", "2", "--zoom", "3", "-o", output);

        Assert.True(code == ExitCodes.Success, error);
        var strip = ImageCodecs.Read(output);
        Assert.Equal((2 * 48 + ComparisonStrip.Gap, 36, 3), (strip.Width, strip.Height, strip.Channels));
        // The right panel is the ground truth crop, pixel-replicated three times.
        int left = 48 + ComparisonStrip.Gap;
        for (int y = 0; y < 36; y++)
            for (int x = 0; x < 48; x++)
                Assert.Equal(source[4 + x / 3, 8 + y / 3, 1], strip[left + x, y, 1]);
        Assert.All(Enumerable.Range(0, 36), y => Assert.Equal(255, strip[48, y, 0])); // the white gap
        Assert.Contains("bicubic", stdout);
        Assert.Contains("PSNR", stdout);
    }

    [Fact]
    public void Compare_RegionOutsideTheImage_ExitsWithUsageAndWritesNothing()
    {
        var input = Path.Combine(_root, "hr.png");
        ImageCodecs.Write(TestImages.Smooth(20, 20, 1, seed: 3), input);
        var output = Path.Combine(_root, "strip.png");

        var (code, _, error) = CliHarness.Run("compare", input, "-m", "bicubic", "--region", "10,10,16,16", "-o", output);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("region", error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Panels_Bicubic_ScoresTheCropAgainstTheTruth()
    {
        var image = TestImages.Smooth(40, 40, 1, seed: 4);
        var panels = ComparisonStrip.Panels(image, 2, [new BicubicSuperResolver()], (8, 8, 20, 20));

        Assert.Equal(["bicubic", "ground truth"], panels.Select(p => p.Name));
        var hr = ReferencePipeline.ModCrop(ReferencePipeline.Planes(image, 1)[0], 2);
        var sr = ReferencePipeline.Quantize(ReferencePipeline.Resize(ReferencePipeline.Resize(hr, 0.5), 2), 8);
        var (srCrop, hrCrop) = (ReferencePipeline.Crop(sr, 8, 8, 20, 20), ReferencePipeline.Crop(hr, 8, 8, 20, 20));
        Assert.Equal(ReferencePipeline.Psnr(srCrop, hrCrop), panels[0].Psnr, 1e-4);
        Assert.Equal(ReferencePipeline.Ssim(srCrop, hrCrop), panels[0].Ssim, 1e-6);
        Assert.Equal(0, ReferencePipeline.MaxDifference(SuperRes.Processing.ImagePlanes.Split(panels[0].Crop)[0], srCrop), 4);
    }
}
