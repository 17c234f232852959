using SuperRes.Inference;
using SuperRes.Tests.Evaluation;
using SuperRes.Models;
using SuperRes.Tensors;

namespace SuperRes.Tests.Models;

/// <summary>
/// Without gradients, each LapSRN level's image comes from its transposed conv, residual conv and sum
/// run a few rows at a time (<see cref="Ops.UpsampleConvAdd(Tensor, Tensor, Tensor?, float, Tensor, Tensor?, Tensor)"/>), and the last level stores no features
/// at twice the resolution: the images must be the training path's within float rounding, the same
/// whether or not later levels run, and tiles must still equal the whole image.
/// </summary>
public sealed class LapSrnLastLevelTests
{
    private const double Tolerance = 1e-5;

    [Theory]
    [InlineData(4, 16, 2, 23, 37)]
    [InlineData(4, 32, 3, 40, 21)]
    [InlineData(8, 8, 1, 29, 31)]
    [InlineData(2, 16, 2, 61, 19)]
    [InlineData(2, 8, 1, 1, 1)]
    [InlineData(4, 32, 5, 64, 48)]
    public void ForwardLevels_WithoutGradients_EqualsTheTrainingPath(int scale, int width, int depth, int height, int inputWidth)
    {
        var model = new LapSrn(new LapSrnOptions { Scale = scale, Width = width, Depth = depth }, new Rng((ulong)(scale + width)));
        var x = Tensor.RandomUniform(new Rng(7), 0, 1, 1, 1, height, inputWidth);
        AssertLevelsClose(Training(model, x), Inference(model, x));
    }

    [Fact]
    public void ForwardLevels_WithoutGradients_ALevelsImageIsTheSameWhateverFollows()
    {
        var model = new LapSrn(new LapSrnOptions { Scale = 8, Width = 8, Depth = 2 }, new Rng(5));
        var x = Tensor.RandomUniform(new Rng(6), 0, 1, 1, 1, 19, 14);
        using var tape = new Tape();
        using var noGrad = Tape.NoGrad();
        var all = model.ForwardLevels(x).Select(t => t.ToArray()).ToList();
        for (int levels = 1; levels < 3; levels++)
            Assert.Equal(all[levels - 1], model.ForwardLevels(x, levels)[^1].ToArray());
        Assert.Equal(all[^1], model.Forward(x).ToArray());
    }

    [Fact]
    public void ForwardLevels_BatchOfThreeRgb_EqualsTheTrainingPath()
    {
        var model = new LapSrn(new LapSrnOptions { Scale = 4, Width = 8, Depth = 1, Channels = 3 }, new Rng(8));
        var x = Tensor.RandomUniform(new Rng(9), 0, 1, 3, 3, 27, 13);
        AssertLevelsClose(Training(model, x), Inference(model, x));
    }

    [Fact]
    public void Upscaler_TilesEqualTheWholeImage_BuiltInModel()
    {
        // Each output pixel of the last level is summed in the same order wherever its tile starts.
        var model = BuiltInModel.Load()!;
        var image = TestImages.Smooth(61, 47, 3, seed: 6);
        var whole = new Upscaler(model, 4).Upscale(image);
        var tiled = new Upscaler(model, 4, new UpscalerOptions { TileSize = 16 }).Upscale(image);
        Assert.Equal(whole.ToUInt16Array(), tiled.ToUInt16Array());
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

    private static List<float[]> Training(LapSrn model, Tensor x)
    {
        using var tape = new Tape();
        return model.ForwardLevels(x).Select(t => t.ToArray()).ToList();
    }

    private static List<float[]> Inference(LapSrn model, Tensor x)
    {
        using var tape = new Tape();
        using var noGrad = Tape.NoGrad();
        return model.ForwardLevels(x).Select(t => t.ToArray()).ToList();
    }

    private static void AssertLevelsClose(List<float[]> expected, List<float[]> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int level = 0; level < expected.Count; level++)
        {
            double maxError = 0, maxValue = 1e-30;
            for (int i = 0; i < expected[level].Length; i++)
            {
                maxError = Math.Max(maxError, Math.Abs(expected[level][i] - actual[level][i]));
                maxValue = Math.Max(maxValue, Math.Abs(expected[level][i]));
            }
            Assert.True(maxError / maxValue <= Tolerance, $"level {level}: relative error {maxError / maxValue:E2}");
        }
    }
}
