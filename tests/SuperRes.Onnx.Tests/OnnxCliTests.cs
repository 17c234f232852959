using System.Text.Json;
using SuperRes.Cli;
using SuperRes.Imaging;
using SuperRes.Inference;
using SuperRes.Models;
using SuperRes.OnnxRuntime;
using SuperRes.Tensors;

namespace SuperRes.Onnx.Tests;

/// <summary>`superres export`, ONNX files as --model and --backend onnxruntime, through the command line.</summary>
public sealed class OnnxCliTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("superres-onnx-cli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Export_ModelFile_WritesOnnxWithProvenance()
    {
        var modelPath = SmallModelFile();
        var onnx = Path.Combine(_root, "small.onnx");

        var (code, output, error) = CliHarness.Run("export", modelPath, "-o", onnx);

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("lapsrn Y, x2/x4, opset 17", output);
        var info = OnnxModelInfo.Read(onnx);
        Assert.StartsWith("SuperRes model file small.safetensors, sha256 ", info.Metadata.Provenance);
        Assert.Equal([2, 4], info.Metadata.Scales);
    }

    [Fact]
    public void Export_NotOnnxName_IsAUsageError()
    {
        var (code, _, error) = CliHarness.Run("export", SmallModelFile(), "-o", Path.Combine(_root, "x.png"));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("use a .onnx name", error);
    }

    [Fact]
    public void Upscale_MalformedOnnx_OneLineErrorNoStackTrace()
    {
        var bad = Path.Combine(_root, "bad.onnx");
        File.WriteAllBytes(bad, [0x0a, 0xff, 0xff, 0x01, 0x02]);
        var input = SmallImage();

        var (code, _, error) = CliHarness.Run("upscale", input, "-o", Path.Combine(_root, "out.png"), "--model", bad);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith($"superres: error: {bad}: not an ONNX model", error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.DoesNotContain(" at ", error);
        Assert.False(File.Exists(Path.Combine(_root, "out.png")));
    }

    [Fact]
    public void Upscale_OnnxOnEngineBackend_IsAUsageError()
    {
        var onnx = Path.Combine(_root, "small.onnx");
        Assert.Equal(ExitCodes.Success, CliHarness.Run("export", SmallModelFile(), "-o", onnx).ExitCode);
        var (code, _, error) = CliHarness.Run("upscale", SmallImage(), "-o", Path.Combine(_root, "out.png"), "--model", onnx, "--backend", "engine");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("ONNX models run on --backend onnxruntime", error);
    }

    [Fact]
    public void Upscale_OnnxFileAndOnnxRuntimeBackend_GiveTheEngineImage()
    {
        var modelPath = SmallModelFile();
        var onnx = Path.Combine(_root, "small.onnx");
        Assert.Equal(ExitCodes.Success, CliHarness.Run("export", modelPath, "-o", onnx).ExitCode);
        var input = SmallImage();
        string engine = Path.Combine(_root, "engine.png"), file = Path.Combine(_root, "file.png"), backend = Path.Combine(_root, "backend.png");

        Assert.Equal(ExitCodes.Success, CliHarness.Run("upscale", input, "-o", engine, "--model", modelPath, "--scale", "2", "--threads", "1").ExitCode);
        var (code, _, error) = CliHarness.Run("upscale", input, "-o", file, "--model", onnx, "--scale", "2", "--threads", "1");
        Assert.True(code == ExitCodes.Success, error);
        (code, _, error) = CliHarness.Run("upscale", input, "-o", backend, "--model", modelPath, "--scale", "2", "--backend", "onnxruntime");
        Assert.True(code == ExitCodes.Success, error);

        var expected = ImageCodecs.Read(engine);
        foreach (var path in new[] { file, backend })
        {
            var actual = ImageCodecs.Read(path);
            Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
            // Outputs agree within 1e-4 of the range before rounding to 8 bits: at most one level apart.
            Assert.All(expected.ToUInt16Array().Zip(actual.ToUInt16Array()), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 1));
        }
    }

    [Theory]
    [InlineData("srvggnet_x4.pth")]
    [InlineData("rrdbnet_x2_fp16.pth")]
    [InlineData("rrdbnet_x4_oldkeys.safetensors")]
    [InlineData("span_x2.safetensors")]
    public void Export_CommunityCheckpoint_RunByOnnxRuntime_MatchesEngine(string fixture)
    {
        var checkpoint = Path.Combine(RepositoryRoot(), "tests", "fixtures", "community", fixture);
        var onnx = Path.Combine(_root, "community.onnx");
        var (code, _, error) = CliHarness.Run("export", checkpoint, "-o", onnx);
        Assert.True(code == ExitCodes.Success, error);

        using var model = ModelLoader.Load(checkpoint);
        var engine = new EngineNetwork(model);
        using var ort = OnnxRuntimeNetwork.Load(onnx, threads: 1);
        Assert.Equal(engine.Scales, ort.Scales);
        const int height = 12, width = 16; // divisible by 4: RRDBNet x2 unshuffles its input
        var rng = new Random(fixture.Length);
        var input = new float[model.Channels * height * width];
        for (int i = 0; i < input.Length; i++) input[i] = (float)rng.NextDouble();
        var expected = engine.Run(input, height, width, model.Scale);
        var actual = ort.Run(input, height, width, model.Scale);
        float worst = expected.Zip(actual).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(worst <= 1e-4f, $"{fixture}: max abs difference {worst:G3}");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SuperRes.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("SuperRes.sln not found above the test's folder");
    }

    [Fact]
    public void Models_DescribesBothBackends()
    {
        var (code, output, _) = CliHarness.Run("models");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("engine, SuperRes's own managed tensor engine", output);
        Assert.Contains("onnxruntime, ONNX Runtime (CPU)", output);
    }

    [Fact]
    public void Bench_Quick_WritesOnnxRuntimeKeys()
    {
        var json = Path.Combine(_root, "bench.json");
        var (code, output, error) = CliHarness.Run("bench", "lapsrn", "--quick", "--no-torch", "--threads", "1", "--json", json);
        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("ONNX RT", output);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("threads").GetInt32());
        Assert.Matches(@"^\d+\.\d+", root.GetProperty("ort_version").GetString());
        Assert.True(root.GetProperty("ort_lapsrn_x4_256_seconds").GetDouble() > 0);
        Assert.True(root.GetProperty("lapsrn_x4_256_seconds").GetDouble() > 0);
        // The built-in model's shape and a narrower width, each beside ONNX Runtime.
        foreach (var key in new[] { "lapsrn_w4d1_x4_12x17_seconds", "lapsrn_w2d1_x4_12x17_seconds" })
        {
            Assert.True(root.GetProperty(key).GetDouble() > 0);
            Assert.True(root.GetProperty("ort_" + key).GetDouble() > 0);
        }
        Assert.Contains("LapSRN x4 w2 d1 12x17", output);
    }

    /// <summary>The done-when check, on Set5 only: the published LapSRN x4 exported to ONNX and evaluated by ONNX Runtime scores as the .mat on our engine.</summary>
    [Fact]
    public void Evaluate_ExportedPublishedLapSrn_MatchesTheMatWithin0p01Db()
    {
        var mat = Path.Combine(CliHarness.Shared, "pretrained", "LapSRN_x4.mat");
        var set5 = Path.Combine(CliHarness.Shared, "datasets", "Set5");
        var onnx = Path.Combine(_root, "lapsrn_x4.onnx");
        Assert.Equal(ExitCodes.Success, CliHarness.Run("export", mat, "-o", onnx).ExitCode);
        string ours = Path.Combine(_root, "mat.json"), ort = Path.Combine(_root, "onnx.json");

        Assert.Equal(ExitCodes.Success, CliHarness.Run("evaluate", "--model", mat, "--data", set5, "--scale", "4", "--json", ours).ExitCode);
        var (code, _, error) = CliHarness.Run("evaluate", "--model", onnx, "--data", set5, "--scale", "4", "--json", ort);
        Assert.True(code == ExitCodes.Success, error);

        var expected = Psnrs(ours);
        var actual = Psnrs(ort);
        Assert.Single(expected);
        foreach (var (key, psnr) in expected)
            Assert.True(Math.Abs(psnr - actual[key]) <= 0.01, $"{key}: {psnr:F4} dB on the engine, {actual[key]:F4} dB through ONNX Runtime");
    }

    private static Dictionary<string, double> Psnrs(string json)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var results = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement : doc.RootElement.GetProperty("results");
        return results.EnumerateArray().ToDictionary(
            r => $"{r.GetProperty("dataset").GetString()} x{r.GetProperty("scale").GetInt32()}",
            r => r.GetProperty("psnr").GetDouble());
    }

    private string SmallModelFile()
    {
        var path = Path.Combine(_root, "small.safetensors");
        using var model = new LapSrn(new LapSrnOptions { Scale = 4, Width = 4, Depth = 1 }, new Rng(5));
        ModelFile.Save(path, model);
        return path;
    }

    private string SmallImage()
    {
        var path = Path.Combine(_root, "in.png");
        var image = new Image(23, 17, 3, 8);
        var random = new Random(1);
        for (int i = 0; i < image.SampleCount; i++) image.SetSample(i, random.Next(256));
        ImageCodecs.Write(image, path);
        return path;
    }
}
