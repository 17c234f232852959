using SuperRes.Cli;
using SuperRes.Evaluation;
using SuperRes.Imaging;
using SuperRes.Inference;
using SuperRes.Models;
using SuperRes.Models.Fgdl;
using SuperRes.Tensors;
using SuperRes.Tests.Evaluation;

namespace SuperRes.Tests.Cli;

/// <summary>A faithful FGDL model file through upscale, evaluate, export and fgdl-diagnose.</summary>
public sealed class FgdlFaithfulCommandTests : IDisposable
{
    private readonly string _root = TestImages.TempFolder();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Model()
    {
        var path = Path.Combine(_root, "faithful.safetensors");
        using var network = new FgdlFaithfulNetwork(new LapSrn(new LapSrnOptions { Scale = 4, Width = 4, Depth = 1 }, new Rng(1)),
            new FgdlOptions { Variant = FgdlVariant.Faithful, Bins = 8 }, new Rng(2));
        ModelFile.Save(path, network);
        return path;
    }

    private string Data()
    {
        var folder = Path.Combine(_root, "Tiny");
        Directory.CreateDirectory(folder);
        ImageCodecs.Write(TestImages.Smooth(32, 28, 3, seed: 1), Path.Combine(folder, "a.png"));
        return folder;
    }

    [Fact]
    public void Upscale_FaithfulModel_MatchesTheUpscaler()
    {
        var model = Model();
        var input = Path.Combine(_root, "in.png");
        ImageCodecs.Write(TestImages.Smooth(13, 11, 3, seed: 1), input);
        var output = Path.Combine(_root, "out.png");

        var (code, _, error) = CliHarness.Run("upscale", input, "-o", output, "--model", model, "--scale", "4", "--tile", "8");

        Assert.True(code == ExitCodes.Success, error);
        var expected = new Upscaler(ModelFile.Load(model), 4).Upscale(ImageCodecs.Read(input));
        var result = ImageCodecs.Read(output);
        Assert.InRange(result.ToUInt16Array().Zip(expected.ToUInt16Array(), (a, b) => Math.Abs(a - b)).Max(), 0, 1);
    }

    [Fact]
    public void Evaluate_FaithfulModel_ScoresX2AndX4()
    {
        var (code, output, error) = CliHarness.Run("evaluate", "--model", Model(), "--data", Data(), "--scale", "2", "--scale", "4");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("Tiny", output);
    }

    [Fact]
    public void Export_FaithfulModel_FailsWithAClearError()
    {
        var (code, _, error) = CliHarness.Run("export", Model(), "-o", Path.Combine(_root, "x.onnx"));

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("faithful FGDL reading is not supported", error);
        Assert.False(File.Exists(Path.Combine(_root, "x.onnx")));
    }

    [Fact]
    public void FgdlDiagnose_FaithfulModel_PrintsItsReadoutsAndTheAreaStatistics()
    {
        var (code, output, error) = CliHarness.Run("fgdl-diagnose", Model(), "--data", Data(), "--scale", "4");

        Assert.True(code == ExitCodes.Success, error);
        foreach (var readout in FgdlFaithfulDiagnostics.Readouts) Assert.Contains(readout, output);
        Assert.Contains("area hit rate", output);
        Assert.Contains("fgdl-faithful-cm-k8", output);
    }
}
