using SuperRes.Cli;
using SuperRes.Imaging;
using SuperRes.Inference;
using SuperRes.Models;
using SuperRes.Processing;
using SuperRes.Tests.Evaluation;
using SuperRes.Tests.Inference;

namespace SuperRes.Tests.Cli;

/// <summary>`upscale` and `evaluate` with <c>--model FILE</c>: saved tiny models, levels, and the errors.</summary>
public sealed class UpscaleModelTests : IDisposable
{
    private readonly string _root = TestImages.TempFolder();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string SaveTinyLapSrn()
    {
        var path = Path.Combine(_root, "tiny.safetensors");
        ModelFile.Save(path, InferenceTestModels.TinyLapSrn(scale: 4));
        return path;
    }

    private string WriteInput(int channels = 3)
    {
        var input = Path.Combine(_root, "in.png");
        ImageCodecs.Write(TestImages.Smooth(13, 11, channels, seed: 1), input);
        return input;
    }

    [Fact]
    public void Upscale_X2OnlyModelWithoutScale_UpscalesByTwo()
    {
        var input = WriteInput();
        var output = Path.Combine(_root, "x2.png");
        var model = Path.Combine(TestPaths.RepositoryRoot, "tests", "fixtures", "community", "span_x2.safetensors");

        var (code, _, error) = CliHarness.Run("upscale", input, "-o", output, "--model", model);

        Assert.True(code == ExitCodes.Success, error);
        var result = ImageCodecs.Read(output);
        Assert.Equal((26, 22), (result.Width, result.Height));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(2)]
    public void Upscale_SavedModelFile_MatchesTheUpscalerAtThatLevel(int scale)
    {
        var modelPath = SaveTinyLapSrn();
        var input = WriteInput();
        var output = Path.Combine(_root, "out.png");

        var (code, _, error) = CliHarness.Run("upscale", input, "-o", output, "--model", modelPath, "--scale", $"{scale}", "--tile", "8");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("tile", error); // progress went to stderr
        var result = ImageCodecs.Read(output);
        var expected = new Upscaler(ModelFile.Load(modelPath), scale).Upscale(ImageCodecs.Read(input));
        Assert.Equal((13 * scale, 11 * scale, 3), (result.Width, result.Height, result.Channels));
        Assert.InRange(result.ToUInt16Array().Zip(expected.ToUInt16Array(), (a, b) => Math.Abs(a - b)).Max(), 0, 1);
        Assert.Equal(["in.png", "out.png", "tiny.safetensors"], Directory.GetFiles(_root).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Upscale_PublishedMatWeights_LoadThroughTheImporter()
    {
        var weights = Path.Combine(TestPaths.Pretrained, "LapSRN_x2.mat");
        if (!File.Exists(weights)) Assert.Fail($"{weights} is missing: ../shared/pretrained must sit beside the repository.");
        var input = WriteInput(channels: 1);
        var output = Path.Combine(_root, "out.png");

        var (code, _, error) = CliHarness.Run("upscale", input, "-o", output, "--model", weights, "--scale", "2");

        Assert.True(code == ExitCodes.Success, error);
        var result = ImageCodecs.Read(output);
        Assert.Equal((26, 22), (result.Width, result.Height));
    }

    [Fact]
    public void Upscale_CorruptMatFile_ExitsTwoNamingTheFile()
    {
        var weights = Path.Combine(_root, "broken.mat");
        File.WriteAllBytes(weights, new byte[300]);
        var input = WriteInput(channels: 1);

        var (code, _, error) = CliHarness.Run("upscale", input, "-o", Path.Combine(_root, "out.png"), "--model", weights);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("broken.mat", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void Upscale_PngWrittenInBands_EqualsTheWholeImagePath()
    {
        var modelPath = SaveTinyLapSrn();
        var input = WriteInput();
        string png = Path.Combine(_root, "out.png"), ppm = Path.Combine(_root, "out.ppm");

        // --tile 4 on 11 rows: three bands for the PNG; PPM takes the whole image at once.
        var (code, _, error) = CliHarness.Run("upscale", input, "-o", png, "--model", modelPath, "--tile", "4");
        Assert.True(code == ExitCodes.Success, error);
        Assert.Equal(ExitCodes.Success, CliHarness.Run("upscale", input, "-o", ppm, "--model", modelPath, "--tile", "4").ExitCode);

        var expected = new Upscaler(ModelFile.Load(modelPath), 4, new UpscalerOptions { TileSize = 4 }).Upscale(ImageCodecs.Read(input));
        Assert.Equal(expected.ToUInt16Array(), ImageCodecs.Read(png).ToUInt16Array());
        Assert.Equal(expected.ToUInt16Array(), ImageCodecs.Read(ppm).ToUInt16Array());
        Assert.Equal(["in.png", "out.png", "out.ppm", "tiny.safetensors"], Directory.GetFiles(_root).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Upscale_Ensemble_RunsAndDiffersFromPlain()
    {
        var modelPath = SaveTinyLapSrn();
        var input = WriteInput(channels: 1);
        string plain = Path.Combine(_root, "plain.png"), ensemble = Path.Combine(_root, "ensemble.png");

        Assert.Equal(ExitCodes.Success, CliHarness.Run("upscale", input, "-o", plain, "-m", modelPath).ExitCode);
        Assert.Equal(ExitCodes.Success, CliHarness.Run("upscale", input, "-o", ensemble, "-m", modelPath, "--ensemble").ExitCode);

        Assert.NotEqual(ImageCodecs.Read(plain).ToUInt16Array(), ImageCodecs.Read(ensemble).ToUInt16Array());
    }

    [Fact]
    public void Upscale_UnsupportedScale_ExitsOneNamingTheScales()
    {
        var (code, _, error) = CliHarness.Run("upscale", WriteInput(), "-o", Path.Combine(_root, "o.png"), "-m", SaveTinyLapSrn(), "--scale", "3");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("2 or 4, not by 3", error);
        Assert.False(File.Exists(Path.Combine(_root, "o.png")));
    }

    [Fact]
    public void Upscale_MissingModelFile_ExitsTwoNamingIt()
    {
        var (code, _, error) = CliHarness.Run("upscale", WriteInput(), "-o", Path.Combine(_root, "o.png"), "-m", Path.Combine(_root, "none.safetensors"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("none.safetensors: no such model file", error);
    }

    [Fact]
    public void Upscale_CorruptModelFile_ExitsTwoWithOneLine()
    {
        var modelPath = SaveTinyLapSrn();
        var bytes = File.ReadAllBytes(modelPath);
        File.WriteAllBytes(modelPath, bytes[..(bytes.Length / 2)]);

        var (code, _, error) = CliHarness.Run("upscale", WriteInput(), "-o", Path.Combine(_root, "o.png"), "-m", modelPath);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("tiny.safetensors", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void Upscale_UnknownModelName_ExitsOne()
    {
        var (code, _, error) = CliHarness.Run("upscale", WriteInput(), "-o", Path.Combine(_root, "o.png"), "-m", "nosuchmodel");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("unknown model 'nosuchmodel'", error);
    }

    [Fact]
    public void Upscale_NoModel_UsesTheBuiltInModel()
    {
        var output = Path.Combine(_root, "o.png");
        var (code, _, error) = CliHarness.Run("upscale", WriteInput(), "-o", output, "--scale", "2");
        Assert.True(code == ExitCodes.Success, error);
        Assert.DoesNotContain(DefaultModel.FallbackNote, error);
        using var model = BuiltInModel.Load()!;
        var expected = new Upscaler(model, 2).Upscale(ImageCodecs.Read(Path.Combine(_root, "in.png")));
        var bicubic = UpscaleCommand.Upscale(ImageCodecs.Read(Path.Combine(_root, "in.png")), new SuperRes.Evaluation.BicubicSuperResolver(), 2);
        var result = ImageCodecs.Read(output);
        Assert.InRange(result.ToUInt16Array().Zip(expected.ToUInt16Array(), (a, b) => Math.Abs(a - b)).Max(), 0, 1);
        Assert.NotEqual(bicubic.ToUInt16Array(), result.ToUInt16Array());
    }

    [Fact]
    public void Evaluate_ModelFileAtTwoLevels_ReportsBothScales()
    {
        var data = Path.Combine(_root, "set");
        Directory.CreateDirectory(data);
        ImageCodecs.Write(TestImages.Smooth(40, 36, 3, seed: 2), Path.Combine(data, "a.png"));
        var json = Path.Combine(_root, "r.json");

        var (code, output, error) = CliHarness.Run("evaluate", "-m", SaveTinyLapSrn(), "-d", data, "-s", "2", "-s", "4", "--json", json);

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("tiny", output);
        var text = File.ReadAllText(json);
        Assert.Contains("\"scale\": 2", text);
        Assert.Contains("\"scale\": 4", text);
    }

    [Fact]
    public void Evaluate_UnsupportedScale_ExitsOne()
    {
        var data = Path.Combine(_root, "set");
        Directory.CreateDirectory(data);
        var (code, _, error) = CliHarness.Run("evaluate", "-m", SaveTinyLapSrn(), "-d", data, "-s", "8");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("not by 8", error);
    }
}
