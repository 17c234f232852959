using SuperRes.Models.Fgdl;
using SuperRes.Losses;
using SuperRes.Models;
using SuperRes.Tensors;
using SuperRes.Tensors.Optim;
using static SuperRes.Tests.Losses.LossTestHelpers;

namespace SuperRes.Tests.Losses;

public class FgdlLossTests
{
    [Fact]
    public void BinCrossEntropy_MatchesDoublePrecision()
    {
        int bins = 4, n = 2, pixels = 3;
        var logits = Values(n * bins * pixels, 1, -2, 2);
        var target = Values(n * pixels, 2);
        double expected = 0;
        for (var g = 0; g < n; g++)
            for (var i = 0; i < pixels; i++)
            {
                double sum = 0;
                for (var k = 0; k < bins; k++) sum += Math.Exp(logits[(g * bins + k) * pixels + i]);
                var truth = AnchorAreas.TruthBin(target[g * pixels + i], bins);
                expected -= logits[(g * bins + truth) * pixels + i] - Math.Log(sum);
            }
        expected /= n * pixels;
        using var tape = new Tape();
        var value = FgdlLoss.BinCrossEntropy(Tensor.FromArray(logits, n, bins, 1, pixels), Tensor.FromArray(target, n, 1, 1, pixels), bins).Item();
        Assert.Equal(expected, value, 1e-5);
    }

    [Fact]
    public void BinCrossEntropy_Gradient_MatchesFiniteDifferences()
    {
        int[] shape = [1, 4, 2, 2];
        var target = Tensor.FromArray(Values(4, 3), 1, 1, 2, 2).Persist();
        CheckGradient(x => FgdlLoss.BinCrossEntropy(x, target, 4), Values(16, 4, -2, 2), shape, h: 1e-2f);
    }

    [Fact]
    public void Reconstruct_ImageStaysInItsAnchorArea()
    {
        var options = new FgdlOptions { Bins = 8 };
        using var tape = new Tape();
        var logits = Tensor.FromArray(Values(8 * 25, 5, -3, 3), 1, 8, 5, 5);
        var t = Tensor.FromArray(Values(25, 6, -20, 20), 1, 1, 5, 5);
        var (image, areas) = FgdlLoss.Reconstruct(logits, t, options, target: null);
        var values = image.ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            Assert.InRange(values[i], areas.Lo[i], areas.Hi[i]);
            Assert.InRange(values[i], 0f, 1f);
        }
    }

    [Fact]
    public void Reconstruct_Gradient_FlowsToTOnlyAsSigmoidTimesWidth()
    {
        var options = new FgdlOptions { Bins = 4, Variant = FgdlVariant.FixedRadius, FixedRadius = 1 };
        int[] shape = [1, 1, 1, 2];
        var logits = Tensor.FromArray([5f, 0f, 0f, 0f, 0f, 0f, 5f, 0f], 1, 4, 1, 2).Persist(); // bins 1 and 3
        CheckGradient(x => Ops.Sum(FgdlLoss.Reconstruct(logits, x, options, null).Image), [0.3f, -1.2f], shape, h: 1e-2f);
    }

    [Theory]
    [InlineData(FgdlVariant.ClassModule)]
    [InlineData(FgdlVariant.FixedRadius)]
    [InlineData(FgdlVariant.Auxiliary)]
    public void Compute_TinyLapSrn_OverfitsOneBatch(FgdlVariant variant)
    {
        var options = new FgdlOptions { Bins = 8, Variant = variant, FixedRadius = 1 };
        using var network = FgdlNetwork.Create(new LapSrn(new LapSrnOptions { Scale = 2, Width = 8, Depth = 1 }, new Rng(1)), options, new Rng(2));
        using var adam = new Adam(network.Parameters(), 1e-2);
        var (lr, hr) = SmoothPair();
        var loss = new FgdlLoss(options);
        var losses = new List<float>();
        for (var step = 0; step < 80; step++)
        {
            using var tape = new Tape();
            adam.ZeroGrad();
            var result = loss.Compute(network.ForwardTraining(lr)[^1], hr);
            result.Total.Backward();
            adam.Step();
            losses.Add(result.Total.Item());
            Assert.All(result.Image.ToArray(), v => Assert.True(variant == FgdlVariant.Auxiliary || v is >= 0f and <= 1f));
        }
        Assert.True(losses[^1] < 0.5 * losses[0], $"Loss went from {losses[0]} to {losses[^1]}.");
        using var inference = new Tape();
        Assert.Equal(new[] { 2, 1, 12, 12 }, network.Forward(lr).Shape.ToArray());
    }

    [Fact]
    public void FgdlNetwork_ParameterNames_KeepTheNetworkNamesUnderNet()
    {
        using var network = FgdlNetwork.Create(new LapSrn(new LapSrnOptions { Scale = 4, Width = 4, Depth = 1 }, new Rng(1)), new FgdlOptions(), new Rng(2));
        var names = network.NamedParameters().Select(p => p.Name).ToList();
        Assert.Contains("net.input_conv.weight", names);
        Assert.Contains("heads.1.cls_features.weight", names);
        Assert.True(network.HeadMultiplyAddsPerPixel > 0);
    }
}
