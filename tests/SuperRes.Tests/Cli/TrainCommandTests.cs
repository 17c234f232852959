using SuperRes.Cli;
using SuperRes.Imaging;
using SuperRes.Tests.Evaluation;

namespace SuperRes.Tests.Cli;

/// <summary>train and plot under the one error contract: one line naming the file and field, documented exit codes.</summary>
public sealed class TrainCommandTests : IDisposable
{
    private readonly string _root = TestImages.TempFolder();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Folder(string name)
    {
        var folder = Path.Combine(_root, name);
        Directory.CreateDirectory(folder);
        for (int i = 0; i < 2; i++) ImageCodecs.Write(TestImages.Smooth(40, 40, 1, seed: i + 1), Path.Combine(folder, $"{i}.png"));
        return folder;
    }

    private string Config(string body)
    {
        var path = Path.Combine(_root, "c.json");
        File.WriteAllText(path, body);
        return path;
    }

    private string TinyConfig(string trainFolder) => Config($$"""
        {"name": "tiny", "model": "lapsrn", "modelOptions": {"Width": 4, "Depth": 1}, "scale": 2, "patchSize": 16,
         "batchSize": 2, "steps": 2, "trainFolders": ["{{trainFolder.Replace("\\", "/")}}"], "validationInterval": 0, "logInterval": 1}
        """);

    private static void AssertOneLineError(string error, params string[] parts)
    {
        Assert.DoesNotContain("   at ", error);
        Assert.DoesNotContain("Unhandled", error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        foreach (var part in parts) Assert.Contains(part, error);
    }

    [Theory]
    [InlineData("""{"scale": 0}""", "scale")]
    [InlineData("""{"loss": null}""", "loss")]
    [InlineData("""{"trainFolders": null}""", "trainFolders")]
    [InlineData("""{"optimizer": {"schedule": "sawtooth"}}""", "schedule")]
    [InlineData("""{"optimizer": {"learningRate": -1}}""", "learningRate")]
    [InlineData("""{"loss": {"kind": "nope"}}""", "nope")]
    [InlineData("""{"loss": {"kind": "fgdl", "fgdl": {"bins": 1}}}""", "loss.fgdl")]
    [InlineData("""{"gan": {"discriminatorStages": 0}}""", "gan.discriminatorStages")]
    [InlineData("""{"batchSize": 0}""", "batchSize")]
    [InlineData("""{"minDownscale": 2}""", "minDownscale")]
    [InlineData("""{"steps": }""", "c.json")]
    public void Train_InvalidConfig_ExitsTwoNamingTheFileAndField(string body, string field)
    {
        var path = Config(body);

        var (code, _, error) = CliHarness.Run("train", "-c", path, "--out", Path.Combine(_root, "out"));

        Assert.Equal(ExitCodes.BadInput, code);
        AssertOneLineError(error, "c.json", field);
    }

    [Fact]
    public void Train_MissingConfig_ExitsTwo()
    {
        var (code, _, error) = CliHarness.Run("train", "-c", Path.Combine(_root, "none.json"));

        Assert.Equal(ExitCodes.BadInput, code);
        AssertOneLineError(error, "none.json", "no such config file");
    }

    [Fact]
    public void Train_FolderWithCheckpoint_RefusesWithoutResumeOrOverwrite()
    {
        var config = TinyConfig(Folder("Train"));
        var output = Path.Combine(_root, "run");
        Assert.Equal(ExitCodes.Interrupted, CliHarness.Run("train", "-c", config, "--out", output, "--stop-after", "1").ExitCode);

        var (code, _, error) = CliHarness.Run("train", "-c", config, "--out", output);

        Assert.Equal(ExitCodes.Usage, code);
        AssertOneLineError(error, "--resume", "--overwrite");
        Assert.Equal(ExitCodes.Success, CliHarness.Run("train", "-c", config, "--out", output, "--resume").ExitCode);
        Assert.Equal(ExitCodes.Success, CliHarness.Run("train", "-c", config, "--out", output, "--overwrite").ExitCode);
    }

    [Fact]
    public void Train_OnATestSet_Warns()
    {
        var config = TinyConfig(Folder("Set14"));

        var (code, _, error) = CliHarness.Run("train", "-c", config, "--out", Path.Combine(_root, "run"));

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("Set14 is a benchmark test set", error);
    }

    [Fact]
    public void Plot_MissingLog_ExitsTwo()
    {
        var (code, _, error) = CliHarness.Run("plot", Path.Combine(_root, "none.jsonl"), "-o", Path.Combine(_root, "c.svg"));

        Assert.Equal(ExitCodes.BadInput, code);
        AssertOneLineError(error, "none.jsonl", "no such file");
    }

    [Fact]
    public void Plot_NotALog_ExitsTwoAndWritesNothing()
    {
        var bad = Path.Combine(_root, "bad.jsonl");
        File.WriteAllText(bad, "this is not json\n");
        var svg = Path.Combine(_root, "c.svg");

        var (code, _, error) = CliHarness.Run("plot", bad, "-o", svg);

        Assert.Equal(ExitCodes.BadInput, code);
        AssertOneLineError(error, "bad.jsonl");
        Assert.False(File.Exists(svg));
    }

    [Fact]
    public void Train_CorruptImageInTheTrainingFolder_OneLineNamingIt()
    {
        var folder = Folder("Train");
        File.WriteAllText(Path.Combine(folder, "broken.png"), "not a png");

        var (code, _, error) = CliHarness.Run("train", "-c", TinyConfig(folder), "--out", Path.Combine(_root, "run"));

        Assert.Equal(ExitCodes.BadInput, code);
        AssertOneLineError(error, "broken.png");
        Assert.DoesNotContain("internal error", error);
    }
}
