using SuperRes.Inference;
using SuperRes.Losses;
using SuperRes.Models;
using SuperRes.Models.Fgdl;
using SuperRes.Tensors;
using SuperRes.Tensors.Optim;
using SuperRes.Tests.Inference;
using SuperRes.Tests.Losses;

namespace SuperRes.Tests.Models;

/// <summary>The faithful FGDL reading on LapSRN: structure, level chaining, cost, files and a tiny overfit.</summary>
public sealed class FgdlFaithfulNetworkTests : IDisposable
{
    private readonly string _root = Evaluation.TestImages.TempFolder();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static readonly LapSrnOptions Tiny = new() { Scale = 4, Width = 6, Depth = 2 };

    private static FgdlOptions Options(bool learned = true) => new() { Variant = FgdlVariant.Faithful, Bins = 8, MaxRadius = 3, LearnedRadius = learned };

    private static FgdlFaithfulNetwork Network(bool learned = true, float binScale = 0.3f)
    {
        var network = new FgdlFaithfulNetwork(new LapSrn(Tiny, new Rng(5)), Options(learned), new Rng(6));
        // The bin convs start at zero; give them values so the tests see them act.
        var rng = new Rng(7);
        foreach (var (name, p) in network.NamedParameters().Where(p => p.Name.Contains(".bins.", StringComparison.Ordinal)))
        {
            var span = p.AsSpan();
            for (var i = 0; i < span.Length; i++) span[i] = (float)(binScale * (2 * rng.NextDouble() - 1));
        }
        return network;
    }

    private static Tensor Input(int seed = 8) => Tensor.FromArray(LossTestHelpers.Values(2 * 5 * 7, seed), 2, 1, 5, 7);

    [Fact]
    public void Create_ReplacesEachResidualConvByZeroBinConvAndAddsTheClassModule()
    {
        using var plain = new LapSrn(Tiny, new Rng(5));
        using var network = new FgdlFaithfulNetwork(new LapSrn(Tiny, new Rng(5)), Options(), new Rng(6));
        var names = network.NamedParameters().Select(p => p.Name).ToList();

        Assert.DoesNotContain(names, n => n.Contains("residual", StringComparison.Ordinal));
        Assert.Contains("levels.1.bins.weight", names);
        Assert.Contains("levels.1.radius.weight", names);
        Assert.Equal(new[] { 8, 6, 3, 3 }, network.StateDict()["levels.0.bins.weight"].Shape.ToArray());
        Assert.All(network.NamedParameters().Where(p => p.Name.Contains(".bins.", StringComparison.Ordinal)), p => Assert.All(p.Parameter.ToArray(), v => Assert.Equal(0f, v)));
        var lapSrn = plain.StateDict();
        foreach (var (name, p) in network.NamedParameters().Where(p => !p.Name.Contains(".bins.", StringComparison.Ordinal) && !p.Name.Contains(".radius.", StringComparison.Ordinal)))
            Assert.Equal(lapSrn[name].ToArray(), p.ToArray());
        Assert.Equal(plain.ParameterCount() - 2 * (6 * 9 + 1) + 2 * (8 * 6 * 9 + 8) + 2 * (4 * 6 + 4), network.ParameterCount());
    }

    [Fact]
    public void Forward_EachLevelReadsItsUpsampledImageAndFeedsItsReadingToTheNextLevel()
    {
        using var network = Network();
        using var twin = new LapSrn(Tiny, new Rng(5));
        var x = Input();
        using var tape = new Tape();
        using var _ = Tape.NoGrad();

        var features = Ops.LeakyRelu(twin.InputConv.Forward(x), Tiny.LeakySlope);
        Tensor image = x;
        for (var i = 0; i < 2; i++)
        {
            var (f, u) = twin.Level(i).ForwardTrunk(features, image);
            var level = network.Level(i);
            image = FgdlFaithfulReadout.Read(level.BinConv.Forward(f), u, level.RadiusConv!.Forward(f), network.FgdlOptions).Image;
            features = f;
        }

        Assert.Equal(image.ToArray(), network.Forward(x).ToArray());
        var levels = network.ForwardLevels(x);
        Assert.Equal(network.ForwardTraining(x)[0].Image.ToArray(), network.ForwardLevels(x, 1)[0].ToArray());
        Assert.Equal(new[] { 2, 1, 10, 14 }, levels[0].Shape.ToArray());
        Assert.Equal(new[] { 2, 1, 20, 28 }, levels[1].Shape.ToArray());
    }

    [Fact]
    public void Flops_AreLapSrnsPlusKMinusOneBinChannelsAndTheClassModule()
    {
        var o = Options();
        using var plain = new LapSrn(Tiny, new Rng(5));
        using var network = new FgdlFaithfulNetwork(new LapSrn(Tiny, new Rng(5)), o, new Rng(6));
        var perLevelPixel = 2.0 * 9 * 6 * 7 + 2.0 * 6 * 4 + 8.0 * 8;
        Assert.Equal(perLevelPixel, FgdlFaithfulNetwork.ExtraFlopsPerLevelPixel(6, 1, o));
        // x4: the x2 level has a quarter of the output's pixels.
        Assert.Equal(plain.FlopsPerOutputPixel + 1.25 * perLevelPixel, network.FlopsPerOutputPixel, 1e-9);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ModelFile_SavesAndLoadsTheFaithfulNetwork(bool learned)
    {
        using var network = Network(learned);
        var path = Path.Combine(_root, "faithful.safetensors");
        ModelFile.Save(path, network);

        using var loaded = ModelFile.Load(path);

        var faithful = Assert.IsType<FgdlFaithfulNetwork>(loaded);
        Assert.Equal(network.FgdlOptions, faithful.FgdlOptions);
        Assert.Equal(learned, faithful.NamedParameters().Any(p => p.Name.Contains(".radius.", StringComparison.Ordinal)));
        using var tape = new Tape();
        using var _ = Tape.NoGrad();
        Assert.Equal(network.Forward(Input()).ToArray(), loaded.Forward(Input()).ToArray());
    }

    [Fact]
    public void Upscaler_TiledEqualsWhole()
    {
        using var network = Network();
        var plane = InferenceTestModels.RandomPlane(23, 19, 3);
        var whole = new Upscaler(network, 4, new UpscalerOptions { TileSize = 64 }).UpscalePlanes([plane])[0];
        var tiled = new Upscaler(network, 4, new UpscalerOptions { TileSize = 8 }).UpscalePlanes([plane])[0];
        Assert.Equal(whole.Data, tiled.Data);
    }

    [Fact]
    public void Training_TinyPairs_Overfits()
    {
        var (lr, hr) = LossTestHelpers.SmoothPair();
        using var network = new FgdlFaithfulNetwork(new LapSrn(new LapSrnOptions { Scale = 2, Width = 8, Depth = 1 }, new Rng(1)), Options() with { ClassificationWeight = 0.01f, ClassModuleWeight = 0.01f }, new Rng(2));
        var loss = new FgdlFaithfulLoss(network.FgdlOptions);
        using var adam = new Adam(network.Parameters(), 5e-3);
        float first = 0, last = 0, regressionFirst = 0, regressionLast = 0;
        double hitFirst = 0, hitLast = 0;
        for (var step = 0; step < 300; step++)
        {
            using var tape = new Tape();
            var result = loss.Compute(network.ForwardTraining(lr)[0], hr);
            if (step == 0) (first, hitFirst, regressionFirst) = (result.Total.Item(), result.HitRate, result.Regression);
            (last, hitLast, regressionLast) = (result.Total.Item(), result.HitRate, result.Regression);
            adam.ZeroGrad();
            result.Total.Backward();
            adam.Step();
        }
        Assert.True(last < 0.4 * first && regressionLast < 0.3 * regressionFirst, $"loss {first} -> {last}, regression {regressionFirst} -> {regressionLast}, hit rate {hitFirst} -> {hitLast}");
        Assert.True(hitLast >= hitFirst, $"hit rate {hitFirst} -> {hitLast}");
    }
}
