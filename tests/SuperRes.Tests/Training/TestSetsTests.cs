using SuperRes.Cli;
using SuperRes.Imaging;
using SuperRes.Tests.Cli;
using SuperRes.Tests.Evaluation;
using SuperRes.Training;

namespace SuperRes.Tests.Training;

public sealed class TestSetsTests : IDisposable
{
    private readonly string _root = TestImages.TempFolder();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Folder(string name, int images, int seed)
    {
        var folder = Path.Combine(_root, name);
        Directory.CreateDirectory(folder);
        for (int i = 0; i < images; i++) ImageCodecs.Write(TestImages.Smooth(40, 40, 1, seed: seed + i), Path.Combine(folder, $"{Path.GetFileName(name)}-{i}.png"));
        return folder;
    }

    [Fact]
    public void SameContent_CopyOfSiblingTestImage_FoundUnderAnotherName()
    {
        var set14 = Folder("Set14", 2, seed: 1);
        var train = Folder("T91", 2, seed: 10);
        var copy = Path.Combine(train, "innocent.png");
        File.Copy(Path.Combine(set14, "Set14-1.png"), copy);
        // Same length, different bytes: not a match.
        var bytes = File.ReadAllBytes(Path.Combine(set14, "Set14-0.png"));
        bytes[bytes.Length / 2] ^= 1;
        File.WriteAllBytes(Path.Combine(train, "near.png"), bytes);

        var matches = TestSets.SameContent([train], validationFolder: null);

        var match = Assert.Single(matches);
        Assert.Equal(copy, match.TrainingFile);
        Assert.Equal(Path.GetFullPath(Path.Combine(set14, "Set14-1.png")), Path.GetFullPath(match.TestFile));
    }

    [Fact]
    public void SameContent_CopyOfValidationImage_Found()
    {
        var validation = Folder(Path.Combine("elsewhere", "val"), 1, seed: 3);
        var train = Folder("mine", 1, seed: 20);
        File.Copy(Path.Combine(validation, "val-0.png"), Path.Combine(train, "x.png"));

        Assert.Single(TestSets.SameContent([train], validation));
        Assert.Empty(TestSets.SameContent([train], validationFolder: null));
    }

    [Fact]
    public void SameContent_NoCopies_NothingFound()
    {
        Folder("Set5", 2, seed: 1);
        var train = Folder("T91", 3, seed: 30);
        Assert.Empty(TestSets.SameContent([train], Path.Combine(_root, "Set5")));
    }

    [Fact]
    public void Train_ImageCopiedFromTestSet_Warns()
    {
        var set5 = Folder("Set5", 1, seed: 1);
        var train = Folder("train", 2, seed: 40);
        File.Copy(Path.Combine(set5, "Set5-0.png"), Path.Combine(train, "renamed.png"));
        var config = Path.Combine(_root, "c.json");
        File.WriteAllText(config, $$"""
            {"name": "tiny", "model": "lapsrn", "modelOptions": {"Width": 4, "Depth": 1}, "scale": 2, "patchSize": 16,
             "batchSize": 2, "steps": 1, "trainFolders": ["{{train.Replace("\\", "/")}}"], "validationInterval": 0, "logInterval": 1}
            """);

        var (code, _, error) = CliHarness.Run("train", "-c", config, "--out", Path.Combine(_root, "run"));

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("renamed.png has the same content as the test image", error);
        Assert.Contains("Set5-0.png", error);
    }
}
