using System.Text.Json;
using SuperRes.Cli;
using SuperRes.Imaging;
using SuperRes.Tests.Evaluation;

namespace SuperRes.Tests.Cli;

public sealed class EvaluateCommandTests : IDisposable
{
    private readonly string _root = TestImages.TempFolder();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string MakeDataset(string name, bool withBrokenFile)
    {
        var folder = Path.Combine(_root, name);
        Directory.CreateDirectory(folder);
        ImageCodecs.Write(TestImages.Smooth(48, 40, 3, seed: 1), Path.Combine(folder, "one.png"));
        ImageCodecs.Write(TestImages.Smooth(44, 44, 1, seed: 2), Path.Combine(folder, "two.png"));
        if (withBrokenFile) File.WriteAllBytes(Path.Combine(folder, "broken.png"), [1, 2, 3]);
        return folder;
    }

    [Fact]
    public void Evaluate_NoModel_EvaluatesTheBuiltInModel()
    {
        var data = MakeDataset("Tiny", withBrokenFile: false);
        var json = Path.Combine(_root, "r.json");

        var (code, _, error) = CliHarness.Run("evaluate", "--data", data, "--scale", "4", "--json", json);

        Assert.True(code == ExitCodes.Success, error);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(SuperRes.Models.BuiltInModel.DisplayName, doc.RootElement.GetProperty("results")[0].GetProperty("model").GetString());
    }

    [Fact]
    public void Evaluate_TwoScales_PrintsTableAndWritesJsonInTheAgreedShape()
    {
        var data = MakeDataset("Tiny", withBrokenFile: false);
        var json = Path.Combine(_root, "r.json");

        var (code, output, error) = CliHarness.Run("evaluate", "--model", "bicubic", "--data", data, "--scale", "2", "--scale", "4", "--json", json);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("Tiny", output);
        Assert.Contains("x4", output);
        Assert.Contains("2/2", error);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var results = doc.RootElement.GetProperty("results");
        Assert.Equal(2, results.GetArrayLength());
        var first = results[0];
        Assert.Equal(["dataset", "scale", "model", "psnr", "ssim", "hfen", "seconds", "images"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Tiny", first.GetProperty("dataset").GetString());
        Assert.Equal(2, first.GetProperty("scale").GetInt32());
        Assert.Equal("bicubic", first.GetProperty("model").GetString());
        var image = first.GetProperty("images")[0];
        Assert.Equal(["name", "psnr", "ssim", "hfen"], image.EnumerateObject().Select(p => p.Name));
        Assert.Equal("one.png", image.GetProperty("name").GetString());
        Assert.InRange(image.GetProperty("psnr").GetDouble(), 15, 60);
        Assert.Empty(Directory.GetFiles(_root, "*.tmp"));
    }

    [Fact]
    public void Evaluate_FolderWithBrokenFile_NamesItGoesOnAndExitsThree()
    {
        var data = MakeDataset("WithBroken", withBrokenFile: true);

        var (code, output, error) = CliHarness.Run("evaluate", "--data", data, "--scale", "2");

        Assert.Equal(ExitCodes.SomeImagesFailed, code);
        Assert.Contains("broken.png", error);
        Assert.Contains("2 (1 failed)", output);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void Evaluate_Save_WritesUpscaledImagesPerDatasetAndScale()
    {
        var data = MakeDataset("Saved", withBrokenFile: false);
        var save = Path.Combine(_root, "out");

        var (code, _, _) = CliHarness.Run("evaluate", "--data", data, "--scale", "4", "--save", save);

        Assert.Equal(ExitCodes.Success, code);
        var image = ImageCodecs.Read(Path.Combine(save, "Saved", "x4", "one.png"));
        Assert.Equal((48, 40, 3), (image.Width, image.Height, image.Channels));
    }

    [Fact]
    public void Evaluate_MissingFolder_ExitsTwoNamingIt()
    {
        var missing = Path.Combine(_root, "nope");
        var (code, _, error) = CliHarness.Run("evaluate", "--data", missing);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(missing, error);
    }

    [Fact]
    public void Evaluate_UnknownModel_ExitsOne()
    {
        var (code, _, error) = CliHarness.Run("evaluate", "--data", _root, "--model", "magic");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("magic", error);
    }

    [Fact]
    public void Evaluate_BadLrOption_ExitsOne() =>
        Assert.Equal(ExitCodes.Usage, CliHarness.Run("evaluate", "--data", _root, "--lr", "double").ExitCode);
}
