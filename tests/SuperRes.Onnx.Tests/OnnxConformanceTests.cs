using SuperRes.Inference;
using SuperRes.Models;
using SuperRes.OnnxRuntime;
using SuperRes.Tensors;

namespace SuperRes.Onnx.Tests;

/// <summary>
/// Every catalogue architecture and community family (RRDBNet, SRVGGNetCompact, SPAN), exported to ONNX and run by ONNX Runtime, gives our engine's
/// output within 1e-4 (max abs, fp32) on an odd-sized input, at every scale it serves. Small
/// networks with random weights (seeded); bicubic-first networks check the exported MATLAB bicubic too.
/// </summary>
public sealed class OnnxConformanceTests
{
    private const float Tolerance = 1e-4f;

    public static TheoryData<string> Models() => new(Catalogue.Keys);

    private static readonly Dictionary<string, Func<SuperResolutionModel>> Catalogue = new()
    {
        ["srcnn-x3"] = () => new Srcnn(new SrcnnOptions { Scale = 3, Width1 = 8, Width2 = 4 }, new Rng(1)),
        ["srcnn-rgb-x2"] = () => new Srcnn(new SrcnnOptions { Scale = 2, Channels = 3, Width1 = 6, Width2 = 4, Kernel1 = 5, Kernel2 = 3, Kernel3 = 3 }, new Rng(2)),
        ["fsrcnn-x3"] = () => new Fsrcnn(new FsrcnnOptions { Scale = 3, Width = 8, Shrink = 4, Depth = 2 }, new Rng(3)),
        ["fsrcnn-rgb-x4"] = () => new Fsrcnn(new FsrcnnOptions { Scale = 4, Channels = 3, Width = 6, Shrink = 3, Depth = 1 }, new Rng(4)),
        ["vdsr-x2"] = () => new Vdsr(new VdsrOptions { Scale = 2, Width = 8, Depth = 4 }, new Rng(5)),
        ["edsr-rgb-x2"] = () => new Edsr(new EdsrOptions { Scale = 2, Channels = 3, Width = 8, Blocks = 2, ResidualScale = 0.1f }, new Rng(6)),
        ["edsr-x3"] = () => new Edsr(new EdsrOptions { Scale = 3, Width = 6, Blocks = 1 }, new Rng(7)),
        ["edsr-rgb-x4"] = () => new Edsr(new EdsrOptions { Scale = 4, Channels = 3, Width = 4, Blocks = 1 }, new Rng(8)),
        ["lapsrn-x4"] = () => new LapSrn(new LapSrnOptions { Scale = 4, Width = 8, Depth = 2 }, new Rng(9)),
        ["lapsrn-rgb-x8"] = () => new LapSrn(new LapSrnOptions { Scale = 8, Channels = 3, Width = 4, Depth = 1 }, new Rng(10)),
        ["resunet-x2"] = () => new ResUNet(new ResUNetOptions { Scale = 2, Width = 4, Levels = 2, BlocksPerLevel = 1 }, new Rng(11)),
        ["resunet-shuffle-rgb-x3"] = () => new ResUNet(new ResUNetOptions
        {
            Scale = 3, Channels = 3, Width = 4, Levels = 1, BlocksPerLevel = 1, Upsampling = ResUNetUpsampling.PixelShuffle,
        }, new Rng(12)),
        ["rrdbnet-rgb-x4"] = () => new RrdbNet(new RrdbNetOptions { Scale = 4, Channels = 3, Width = 6, Blocks = 1, GrowthChannels = 4 }, new Rng(13)),
        ["rrdbnet-rgb-x2"] = () => new RrdbNet(new RrdbNetOptions { Scale = 2, Channels = 3, Width = 4, Blocks = 1, GrowthChannels = 3 }, new Rng(14)),
        ["rrdbnet-x1"] = () => new RrdbNet(new RrdbNetOptions { Scale = 1, Channels = 1, Width = 4, Blocks = 1, GrowthChannels = 2 }, new Rng(15)),
        ["srvggnet-compact-rgb-x4"] = () => new SrVggNetCompact(new SrVggNetCompactOptions { Scale = 4, Channels = 3, Width = 6, Convs = 2 }, new Rng(16)),
        ["srvggnet-compact-x3"] = () => new SrVggNetCompact(new SrVggNetCompactOptions { Scale = 3, Channels = 1, Width = 4, Convs = 1 }, new Rng(17)),
        ["span-rgb-x4"] = () => new SpanNet(new SpanOptions { Scale = 4, Channels = 3, Width = 6 }, new Rng(18)),
        ["span-nonorm-x2"] = () => new SpanNet(new SpanOptions { Scale = 2, Channels = 1, Width = 4, Normalize = false }, new Rng(19)),
        ["resunet-lr-x4"] = () => new ResUNetLr(new ResUNetLrOptions { Scale = 4, Width = 4, Levels = 2, BlocksPerLevel = 1 }, new Rng(13)),
        ["resunet-lr-shuffle-rgb-x3"] = () => new ResUNetLr(new ResUNetLrOptions
        {
            Scale = 3, Channels = 3, Width = 4, Levels = 1, BlocksPerLevel = 1, Upsampling = ResUNetUpsampling.PixelShuffle,
        }, new Rng(14)),
    };

    /// <summary>Inputs are odd-sized, except where a pixel unshuffle needs sides divisible by its factor (RRDBNet x2 and x1).</summary>
    private static (int Height, int Width) InputSize(string key) => key switch
    {
        "rrdbnet-rgb-x2" => (14, 10),
        "rrdbnet-x1" => (12, 20),
        _ => (13, 11),
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Export_RunByOnnxRuntime_MatchesEngine(string key)
    {
        using var model = Catalogue[key]();
        var engine = new EngineNetwork(model);
        using var ort = OnnxRuntimeNetwork.FromModel(model, key, threads: 1);
        Assert.Equal(engine.Scales, ort.Scales);
        Assert.Equal(model.Channels, ort.Channels);
        var (height, width) = InputSize(key);
        var input = RandomInput(model.Channels * height * width, seed: key.Length);
        foreach (int scale in engine.Scales)
        {
            var expected = engine.Run(input, height, width, scale);
            var actual = ort.Run(input, height, width, scale);
            Assert.Equal(expected.Length, actual.Length);
            float worst = 0;
            for (int i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
            Assert.True(worst <= Tolerance, $"{key} x{scale}: max abs difference {worst:G3} > {Tolerance}");
        }
    }

    [Fact]
    public void Export_ThroughTheUpscaler_MatchesEngineTiled()
    {
        using var model = Catalogue["lapsrn-x4"]();
        using var ort = OnnxRuntimeNetwork.FromModel(model, "lapsrn", threads: 1);
        var plane = new Processing.Plane(37, 29, RandomInput(37 * 29, seed: 3).Select(v => v * 255).ToArray());
        var options = new UpscalerOptions { TileSize = 16 };
        var expected = new Upscaler(model, 4, options).UpscalePlanes([plane])[0].Data;
        var actual = new Upscaler(ort, 4, options).UpscalePlanes([plane])[0].Data;
        float worst = 0;
        for (int i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        Assert.True(worst <= 255 * Tolerance, $"tiled x4: max abs difference {worst:G3} (in 0..255) > {255 * Tolerance}");
    }

    private static float[] RandomInput(int count, int seed)
    {
        var random = new Random(seed);
        var x = new float[count];
        for (int i = 0; i < x.Length; i++) x[i] = (float)random.NextDouble();
        return x;
    }
}
