using SuperRes.Cli;
using SuperRes.Imaging;
using SuperRes.Models;
using SuperRes.Tests.Evaluation;
using SuperRes.Tests.Inference;

namespace SuperRes.Tests.Cli;

public sealed class EvaluateDegradedCommandTests : IDisposable
{
    private readonly string _root = TestImages.TempFolder();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void EvaluateDegraded_TwoModelsTwoDegradations_PrintsTheTableAndWritesStrips()
    {
        var data = Directory.CreateDirectory(Path.Combine(_root, "Photos")).FullName;
        ImageCodecs.Write(TestImages.Smooth(48, 40, 3, seed: 1), Path.Combine(data, "a.png"));
        ImageCodecs.Write(TestImages.Smooth(36, 52, 3, seed: 2), Path.Combine(data, "b.png"));
        var model = Path.Combine(_root, "tiny.safetensors");
        ModelFile.Save(model, InferenceTestModels.TinyLapSrn(scale: 4, channels: 3));
        var strips = Path.Combine(_root, "strips");

        var (code, output, error) = CliHarness.Run("evaluate-degraded", "--data", data, "--model", "bicubic", model,
            "--degradation", "realesrgan", "jpeg40", "--strips", strips, "--strip-image", "b.png");

        Assert.True(code == ExitCodes.Success, error);
        var rows = output.Split('\n').Where(l => l.StartsWith("| Photos", StringComparison.Ordinal)).ToArray();
        Assert.Equal(4, rows.Length);
        Assert.Contains(rows, r => r.Contains("| realesrgan | bicubic |"));
        Assert.Contains(rows, r => r.Contains("| jpeg40 | " + model + " |"));
        Assert.Equal(["Photos-jpeg40.png", "Photos-realesrgan.png"], Directory.GetFiles(strips).Select(Path.GetFileName).Order());
        var strip = ImageCodecs.Read(Path.Combine(strips, "Photos-jpeg40.png"));
        Assert.Equal(2 * 52 / 4 * 4, strip.Height); // b.png's crop (52 rows, a multiple of 4) zoomed twice
    }

    [Fact]
    public void EvaluateDegraded_UnknownDegradation_IsAUsageError()
    {
        var (code, _, error) = CliHarness.Run("evaluate-degraded", "--data", _root, "--degradation", "fog");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("fog", error);
    }
}
