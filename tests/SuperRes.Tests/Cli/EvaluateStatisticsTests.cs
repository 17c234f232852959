using System.Text.Json;
using System.Text.Json.Nodes;
using SuperRes.Cli;
using SuperRes.Imaging;
using SuperRes.Tests.Evaluation;

namespace SuperRes.Tests.Cli;

/// <summary>The pooled rows of <c>evaluate</c>, and <c>evaluate --paired</c> / <c>--spread</c> over saved runs.</summary>
public sealed class EvaluateStatisticsTests : IDisposable
{
    private readonly string _root = TestImages.TempFolder();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Dataset(string name, int images)
    {
        var folder = Path.Combine(_root, name);
        Directory.CreateDirectory(folder);
        for (int i = 0; i < images; i++)
            ImageCodecs.Write(TestImages.Smooth(40 + 4 * i, 36, 1, seed: 10 * images + i), Path.Combine(folder, $"{i}.png"));
        return folder;
    }

    private string EvaluateToJson(string name, params string[] folders)
    {
        var json = Path.Combine(_root, name);
        var (code, _, error) = CliHarness.Run(["evaluate", "--model", "bicubic", "--scale", "2", "--json", json, "--data", .. folders]);
        Assert.True(code == ExitCodes.Success, error);
        return json;
    }

    [Fact]
    public void Evaluate_TwoDatasets_AddsPooledRowOverAllImages()
    {
        var json = EvaluateToJson("r.json", Dataset("Small", 1), Dataset("Large", 3));

        var doc = JsonNode.Parse(File.ReadAllText(json))!;
        var results = doc["results"]!.AsArray();
        var pooled = Assert.Single(doc["pooled"]!.AsArray())!;
        var all = results.SelectMany(r => r!["images"]!.AsArray()).Select(i => i!["psnr"]!.GetValue<double>()).ToArray();
        Assert.Equal("pooled (Small+Large)", pooled["dataset"]!.GetValue<string>());
        Assert.Equal(4, pooled["images"]!.AsArray().Count);
        Assert.Equal(all.Average(), pooled["psnr"]!.GetValue<double>(), 9);
    }

    [Fact]
    public void Paired_SameRunTwice_AllTiesAndPOne()
    {
        var json = EvaluateToJson("r.json", Dataset("Small", 2), Dataset("Large", 3));

        var (code, output, error) = CliHarness.Run("evaluate", "--paired", json, json);

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("0/2/0", output);
        Assert.Contains("0/5/0", output); // the pooled row
        Assert.Contains("pooled (Small+Large)", output);
    }

    [Fact]
    public void Paired_BBetterOnEveryImage_CountsWinsAndMeanDifference()
    {
        var a = EvaluateToJson("a.json", Dataset("Large", 3));
        var node = JsonNode.Parse(File.ReadAllText(a))!;
        foreach (var image in node["results"]![0]!["images"]!.AsArray())
            image!["psnr"] = image["psnr"]!.GetValue<double>() + 0.25;
        var b = Path.Combine(_root, "b.json");
        File.WriteAllText(b, node.ToJsonString());

        var (code, output, error) = CliHarness.Run("evaluate", "--paired", a, b);

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("3/0/0", output);
        Assert.Contains("+0.2500", output);
        Assert.Contains("0.25", output); // sign test p = 2 / 2^3
    }

    [Fact]
    public void Spread_TwoRuns_PrintsMeanAndStd()
    {
        var a = EvaluateToJson("a.json", Dataset("Large", 2));
        var node = JsonNode.Parse(File.ReadAllText(a))!;
        double psnr = node["results"]![0]!["psnr"]!.GetValue<double>();
        foreach (var image in node["results"]![0]!["images"]!.AsArray())
            image!["psnr"] = image["psnr"]!.GetValue<double>() + 1; // the means come from the images
        var b = Path.Combine(_root, "b.json");
        File.WriteAllText(b, node.ToJsonString());

        var (code, output, error) = CliHarness.Run("evaluate", "--spread", a, b);

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains((psnr + 0.5).ToString("F4", System.Globalization.CultureInfo.InvariantCulture), output);
        Assert.Contains(Math.Sqrt(0.5).ToString("F4", System.Globalization.CultureInfo.InvariantCulture), output);
    }

    [Fact]
    public void Paired_NotAResultFile_ExitsTwoNamingIt()
    {
        var bad = Path.Combine(_root, "bad.json");
        File.WriteAllText(bad, "{\"x\": 1}");

        var (code, _, error) = CliHarness.Run("evaluate", "--paired", bad, bad);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("bad.json", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void Evaluate_NeitherDataNorRuns_IsAUsageError()
    {
        var (code, _, error) = CliHarness.Run("evaluate", "--scale", "2");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--data", error);
    }

    [Fact]
    public void Paired_OneFile_IsAUsageError()
    {
        var (code, _, _) = CliHarness.Run("evaluate", "--paired", "a.json");

        Assert.Equal(ExitCodes.Usage, code);
    }
}
