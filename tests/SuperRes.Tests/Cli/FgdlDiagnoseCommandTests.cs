using SuperRes.Models.Fgdl;
using SuperRes.Cli;
using SuperRes.Evaluation;
using SuperRes.Imaging;
using SuperRes.Losses;
using SuperRes.Models;
using SuperRes.Tensors;
using SuperRes.Tests.Evaluation;

namespace SuperRes.Tests.Cli;

public sealed class FgdlDiagnoseCommandTests : IDisposable
{
    private readonly string _root = TestImages.TempFolder();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Data()
    {
        var folder = Path.Combine(_root, "Tiny");
        Directory.CreateDirectory(folder);
        ImageCodecs.Write(TestImages.Smooth(32, 28, 3, seed: 1), Path.Combine(folder, "a.png"));
        return folder;
    }

    [Fact]
    public void FgdlDiagnose_FgdlModel_PrintsEveryReadoutAndTheClassifierStatistics()
    {
        var path = Path.Combine(_root, "fgdl.safetensors");
        using (var network = FgdlNetwork.Create(new LapSrn(new LapSrnOptions { Scale = 4, Width = 4, Depth = 1 }, new Rng(1)), new FgdlOptions { Bins = 8 }, new Rng(2)))
            ModelFile.Save(path, network);

        var (code, output, error) = CliHarness.Run("fgdl-diagnose", path, "--data", Data(), "--scale", "4");

        Assert.True(code == ExitCodes.Success, error);
        foreach (var readout in FgdlReadoutDiagnostics.Readouts) Assert.Contains(readout, output);
        Assert.Contains("area hit rate", output);
        Assert.Contains("Tiny x4", output);
    }

    [Fact]
    public void FgdlDiagnose_PlainModel_ExitsTwoSayingItHasNoHeads()
    {
        var path = Path.Combine(_root, "plain.safetensors");
        using (var model = new LapSrn(new LapSrnOptions { Scale = 4, Width = 4, Depth = 1 }, new Rng(1)))
            ModelFile.Save(path, model);

        var (code, _, error) = CliHarness.Run("fgdl-diagnose", path, "--data", Data());

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("not a network trained with FGDL heads", error);
    }
}
