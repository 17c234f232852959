using SuperRes.Inference;
using SuperRes.Models;
using SuperRes.Tensors;

namespace SuperRes.Tests.Models;

/// <summary>The last level of an inference pass runs its transposed and residual convs in bands of rows; the image must not change.</summary>
public sealed class LapSrnBandedLevelTests
{
    [Theory]
    [InlineData(4, 16, 2, 23, 37)]
    [InlineData(4, 32, 3, 40, 21)]
    [InlineData(8, 8, 1, 29, 31)]
    [InlineData(2, 16, 2, 61, 19)]
    [InlineData(2, 8, 1, 63, 20)]
    [InlineData(2, 8, 1, 42, 20)]
    [InlineData(4, 32, 5, 64, 48)]
    public void ForwardLevels_BandsOfFourToSixteenRows_EqualTheWholeLevelBitForBit(int scale, int width, int depth, int height, int inputWidth)
    {
        var model = new LapSrn(new LapSrnOptions { Scale = scale, Width = width, Depth = depth }, new Rng((ulong)(scale + width)));
        var x = Tensor.RandomUniform(new Rng(7), 0, 1, 1, 1, height, inputWidth);
        var whole = Run(model, x, int.MaxValue / 2);
        foreach (int rows in new[] { 4, 8, 16 })
        {
            var banded = Run(model, x, rows);
            Assert.Equal(whole.Count, banded.Count);
            for (int level = 0; level < whole.Count; level++)
                Assert.True(whole[level].SequenceEqual(banded[level]), $"level {level}, bands of {rows} rows: differs from the whole pass");
        }
    }

    [Fact]
    public void ForwardLevels_BandedLevel_MatchesTheTrainingPath()
    {
        // With gradients on, every level runs whole (ForwardParts): the same image within rounding.
        var model = new LapSrn(new LapSrnOptions { Scale = 4, Width = 8, Depth = 2 }, new Rng(3));
        var x = Tensor.RandomUniform(new Rng(4), 0, 1, 1, 1, 30, 26);
        var inference = Run(model, x, 4)[^1];
        using var tape = new Tape();
        var training = model.ForwardLevels(x)[^1].ToArray();
        Assert.Equal(training, inference);
    }

    [Fact]
    public void ForwardLevels_BatchOfThreeRgb_BandsEqualTheWholeLevel()
    {
        var model = new LapSrn(new LapSrnOptions { Scale = 4, Width = 8, Depth = 1, Channels = 3 }, new Rng(8));
        var x = Tensor.RandomUniform(new Rng(9), 0, 1, 3, 3, 27, 13);
        Assert.Equal(Run(model, x, int.MaxValue / 2)[^1], Run(model, x, 4)[^1]);
    }

    [Fact]
    public void EngineNetwork_RunOnce_EqualsRun_BuiltInModelBitForBit()
    {
        var network = new EngineNetwork(BuiltInModel.Load()!);
        var random = new Random(5);
        var input = Enumerable.Range(0, 101 * 87).Select(_ => (float)random.NextDouble()).ToArray();
        Assert.Equal(network.Run(input, 101, 87, 4), network.RunOnce(input, 101, 87, 4)); // the x2 level's 202 rows: 4 bands
        Assert.Equal(network.Run(input, 101, 87, 2), network.RunOnce(input, 101, 87, 2));
    }

    [Fact]
    public void PlanBands_UpscaledBandFitsInOneFeatureMap_WhereBandsAreLargeEnough()
    {
        // The pool can then serve a band's features from a feature map the level's convs freed.
        for (int height = 40; height <= 3000; height++)
        {
            var (bands, keep, span) = LapSrnLevel.PlanBands(height);
            Assert.True(keep % 4 == 0 && (height - span) % 4 == 0 && span >= keep + 8, $"height {height}: keep {keep}, span {span}");
            if (span + 4 >= height) continue; // one whole pass
            if (keep > 32 && bands < 8) Assert.True(4 * span <= height, $"height {height}: {bands} bands reading {span} rows");
        }
        Assert.Equal(5, LapSrnLevel.PlanBands(722).Bands); // comic.png's x4 level with the built-in model
    }

    [Fact]
    public void ForwardLevels_DefaultBands_EqualTheWholeLevelBitForBit()
    {
        var model = new LapSrn(new LapSrnOptions { Scale = 4, Width = 8, Depth = 2 }, new Rng(11));
        var x = Tensor.RandomUniform(new Rng(12), 0, 1, 1, 1, 361, 23); // the x4 level reads 722 rows: 5 bands
        var whole = Run(model, x, int.MaxValue / 2)[^1];
        using var tape = new Tape();
        using var noGrad = Tape.NoGrad();
        Assert.Equal(whole, model.ForwardLevels(x, model.LevelCount, bandLastLevel: true)[^1].ToArray());
    }

    [Fact]
    public void Forward_ReleasingItsInput_DisposesTheFeaturesOnceRead_AndGivesTheSameLevel()
    {
        var model = new LapSrn(new LapSrnOptions { Scale = 2, Width = 8, Depth = 2 }, new Rng(13));
        using var tape = new Tape();
        using var noGrad = Tape.NoGrad();
        var image = Tensor.RandomUniform(new Rng(14), 0, 1, 1, 1, 21, 17);
        var features = Tensor.RandomUniform(new Rng(15), -1, 1, 1, 8, 21, 17);
        var kept = model.Level(0).Forward(features, image, releaseInput: false);
        Assert.False(features.IsDisposed);
        var released = model.Level(0).Forward(features, image, releaseInput: true);
        Assert.True(features.IsDisposed);
        Assert.Equal(kept.Features.ToArray(), released.Features.ToArray());
        Assert.Equal(kept.Image.ToArray(), released.Image.ToArray());
    }

    [Fact]
    public void ForwardImage_WithGradients_Throws()
    {
        var model = new LapSrn(new LapSrnOptions { Scale = 2, Width = 4, Depth = 1 }, new Rng(1));
        using var tape = new Tape();
        var x = Tensor.RandomUniform(new Rng(2), 0, 1, 1, 1, 8, 8);
        Assert.Throws<InvalidOperationException>(() => model.Level(0).ForwardImage(x, x));
    }

    /// <summary>Every level's image, the last one's in bands of <paramref name="rows"/> input rows (the whole when larger than the input).</summary>
    private static List<float[]> Run(LapSrn model, Tensor x, int rows)
    {
        LapSrnLevel.BandsOverride = (int.MaxValue, rows);
        try
        {
            using var tape = new Tape();
            using var noGrad = Tape.NoGrad();
            return model.ForwardLevels(x, model.LevelCount, bandLastLevel: true).Select(t => t.ToArray()).ToList();
        }
        finally
        {
            LapSrnLevel.BandsOverride = null;
        }
    }
}
