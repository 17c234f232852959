using System.Text.Json;
using SuperRes.Cli;
using SuperRes.Imaging;
using SuperRes.Tests.Evaluation;

namespace SuperRes.Tests.Cli;

public sealed class UpscaleBatchTests : IDisposable
{
    private readonly string _root = TestImages.TempFolder();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string In(string relative) => Path.Combine(_root, "in", relative);

    private string Out(string relative) => Path.Combine(_root, "out", relative);

    private void WriteImages(params string[] relatives)
    {
        for (int i = 0; i < relatives.Length; i++)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(In(relatives[i]))!);
            ImageCodecs.Write(TestImages.Smooth(6 + i, 5, 3, seed: i), In(relatives[i]));
        }
    }

    [Fact]
    public void Folder_MirrorsTheTreeWithTheFormatsExtension()
    {
        WriteImages("a.png", "sub/b.bmp", "sub/deeper/c.ppm");
        File.WriteAllText(In("notes.txt"), "not an image");

        var (code, output, error) = CliHarness.Run("upscale", In(""), "-o", Out(""), "-m", "bicubic", "--scale", "2", "--format", "jpg");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Equal(["a.jpg", "sub/b.jpg", "sub/deeper/c.jpg"],
            Directory.GetFiles(Out(""), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Out(""), f).Replace('\\', '/')).Order());
        Assert.Equal((14, 10), (ImageCodecs.Read(Out("sub/b.jpg")).Width, ImageCodecs.Read(Out("sub/b.jpg")).Height));
        Assert.Contains("3 written, 0 skipped, 0 failed", output);
        Assert.Contains($"{Out("a.jpg")}: 12x10,", output); // one line per file: path, size, seconds
    }

    [Fact]
    public void ListFile_ReadsRelativeAndAbsolutePaths()
    {
        WriteImages("a.png", "sub/b.png");
        var list = Path.Combine(_root, "list.txt");
        File.WriteAllLines(list, ["# inputs", "in/sub/b.png", "", In("a.png")]);

        var (code, _, error) = CliHarness.Run("upscale", "@" + list, "-o", Out(""), "-m", "bicubic", "--scale", "2");

        Assert.True(code == ExitCodes.Success, error);
        Assert.True(File.Exists(Out("in/sub/b.png")), "relative entries keep their folders");
        Assert.True(File.Exists(Out("a.png")), "absolute entries go by name");
    }

    [Fact]
    public void Shards_TogetherCoverEveryFileOnce()
    {
        var names = Enumerable.Range(0, 11).Select(i => $"d{i % 3}/f{i}.png").ToArray();
        WriteImages(names);
        var seen = new List<string>();
        for (int shard = 0; shard < 3; shard++)
        {
            var outFolder = Path.Combine(_root, $"out{shard}");
            var (code, _, error) = CliHarness.Run("upscale", In(""), "-o", outFolder, "-m", "bicubic", "--scale", "2", "--shard", $"{shard}/3");
            Assert.True(code == ExitCodes.Success, error);
            var files = Directory.GetFiles(outFolder, "*.png", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(outFolder, f).Replace('\\', '/')).ToList();
            Assert.InRange(files.Count, 3, 4); // 11 files over 3 shards
            seen.AddRange(files);
        }
        Assert.Equal(names.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("3/3")]
    [InlineData("1")]
    [InlineData("a/b")]
    [InlineData("-1/2")]
    public void Shard_Malformed_UsageError(string shard)
    {
        WriteImages("a.png");
        var (code, _, error) = CliHarness.Run("upscale", In(""), "-o", Out(""), "-m", "bicubic", "--shard", shard);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--shard", error);
    }

    [Fact]
    public void FailingFile_ReportedBatchGoesOnSummaryWrittenExitThree()
    {
        WriteImages("a.png", "c.png");
        File.WriteAllBytes(In("b.png"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2]);
        var summary = Path.Combine(_root, "summary.json");

        var (code, _, error) = CliHarness.Run("upscale", In(""), "-o", Out(""), "-m", "bicubic", "--scale", "2", "--summary", summary);

        Assert.Equal(ExitCodes.SomeImagesFailed, code);
        Assert.Single(error.Split('\n'), l => l.StartsWith("superres: error:") && l.Contains("b.png"));
        Assert.True(File.Exists(Out("a.png")) && File.Exists(Out("c.png")));
        Assert.False(File.Exists(Out("b.png")));
        using var json = JsonDocument.Parse(File.ReadAllText(summary));
        var files = json.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(["ok", "failed", "ok"], files.Select(f => f.GetProperty("status").GetString()));
        Assert.Equal(12, files[0].GetProperty("width").GetInt32());
        Assert.Equal(new FileInfo(Out("a.png")).Length, files[0].GetProperty("bytes").GetInt64());
        Assert.Contains("b.png", files[1].GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, files[0].GetProperty("error").ValueKind);
        Assert.Equal(1, json.RootElement.GetProperty("failed").GetInt32());
    }

    [Fact]
    public void SkipExisting_LeavesWrittenOutputsAndCleansStaleTemporaries()
    {
        WriteImages("a.png", "b.png");
        Directory.CreateDirectory(Out(""));
        File.WriteAllText(Out("a.png"), "kept");
        var stale = Out($".b.png.{Guid.NewGuid():N}.tmp"); // what kill -9 leaves
        File.WriteAllText(stale, "partial");
        var unrelated = Out(".b.png.notaguid.tmp");
        File.WriteAllText(unrelated, "someone else's");

        var (code, output, error) = CliHarness.Run("upscale", In(""), "-o", Out(""), "-m", "bicubic", "--scale", "2", "--skip-existing");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Equal("kept", File.ReadAllText(Out("a.png")));
        Assert.Equal(14, ImageCodecs.Read(Out("b.png")).Width);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(unrelated));
        Assert.Contains("1 written, 1 skipped", output);
    }

    [Fact]
    public void OutputOverInput_RefusedUnlessOverwrite()
    {
        WriteImages("a.png");
        var before = File.ReadAllBytes(In("a.png"));

        var (code, _, error) = CliHarness.Run("upscale", In("a.png"), "-o", In("a.png"), "-m", "bicubic", "--scale", "2");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--overwrite", error);
        Assert.Equal(before, File.ReadAllBytes(In("a.png")));

        // A folder into itself with the same format: every output is its input.
        (code, _, _) = CliHarness.Run("upscale", In(""), "-o", In(""), "-m", "bicubic", "--scale", "2");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal(before, File.ReadAllBytes(In("a.png")));

        (code, _, error) = CliHarness.Run("upscale", In("a.png"), "-o", In("a.png"), "-m", "bicubic", "--scale", "2", "--overwrite");
        Assert.True(code == ExitCodes.Success, error);
        Assert.Equal(12, ImageCodecs.Read(In("a.png")).Width);
    }

    [Fact]
    public void FolderWhereAFileIsExpected_SaysSo()
    {
        WriteImages("a.png", "sub/b.png");
        var list = Path.Combine(_root, "list.txt");
        File.WriteAllLines(list, [In("sub")]);

        var (code, _, error) = CliHarness.Run("upscale", In(""), "-o", Path.Combine(_root, "x.png"), "-m", "bicubic");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("output folder", error);

        (code, _, error) = CliHarness.Run("upscale", "@" + list, "-o", Out(""), "-m", "bicubic");
        Assert.Equal(ExitCodes.SomeImagesFailed, code);
        Assert.Contains("is a folder", error);
    }

    [Fact]
    public void OutputPathProblems_CaughtBeforeComputing()
    {
        WriteImages("a.png");
        var blocker = Path.Combine(_root, "file");
        File.WriteAllText(blocker, "x");

        // The output folder is a file: refused at once (exit 4), nothing written.
        var (code, _, error) = CliHarness.Run("upscale", In(""), "-o", blocker, "-m", "bicubic");
        Assert.Equal(ExitCodes.OutputError, code);
        Assert.Contains("not a folder", error);

        // An existing folder as -o for one file: the file goes into it.
        Directory.CreateDirectory(Out(""));
        (code, _, error) = CliHarness.Run("upscale", In("a.png"), "-o", Out(""), "-m", "bicubic", "--scale", "2");
        Assert.True(code == ExitCodes.Success, error);
        Assert.True(File.Exists(Out("a.png")));
    }
}
