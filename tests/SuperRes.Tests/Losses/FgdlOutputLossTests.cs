using SuperRes.Models.Fgdl;
using SuperRes.Losses;
using SuperRes.Models;
using SuperRes.Tensors;
using SuperRes.Tensors.Optim;
using SuperRes.Training;
using static SuperRes.Tests.Losses.LossTestHelpers;

namespace SuperRes.Tests.Losses;

public class FgdlOutputLossTests
{
    // K = 4 bins of width 0.25; the outputs stay at least 0.03 away from a bin boundary so that a
    // finite-difference step never changes a predicted bin.
    private static readonly float[] Outputs = [0.10f, 0.40f, 0.62f, 0.97f, 0.30f, 0.85f];
    private static readonly float[] Targets = [0.12f, 0.90f, 0.55f, 0.20f, 0.33f, 0.80f];
    private static readonly int[] Shape = [1, 1, 2, 3];

    [Fact]
    public void BinLogits_AreNegativeScaledSquaredDistancesToTheBinCentres()
    {
        using var tape = new Tape();
        var logits = FgdlOutputLoss.BinLogits(Tensor.FromArray(Outputs, Shape), 4, 0.5f).ToArray();
        var sigma = 0.5 / 4;
        for (var k = 0; k < 4; k++)
            for (var i = 0; i < Outputs.Length; i++)
            {
                var d = Outputs[i] - (k + 0.5) / 4;
                Assert.Equal(-d * d / (2 * sigma * sigma), logits[k * Outputs.Length + i], 1e-4);
            }
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(1, 0.5)]
    [InlineData(2, 0.02)]
    public void Compute_MatchesDoublePrecision(int radius, double weight)
    {
        var options = new FgdlOptions { Bins = 4, Variant = FgdlVariant.FixedRadius, FixedRadius = radius, WidenToTruth = false, ClassificationWeight = (float)weight };
        double regression = 0, classification = 0;
        var sigma = options.OutputSoftness / 4.0;
        for (var i = 0; i < Outputs.Length; i++)
        {
            var logits = Enumerable.Range(0, 4).Select(k => -Math.Pow(Outputs[i] - (k + 0.5) / 4, 2) / (2 * sigma * sigma)).ToArray();
            var max = logits.Max();
            var logSum = max + Math.Log(logits.Sum(l => Math.Exp(l - max)));
            var truth = AnchorAreas.TruthBin(Targets[i], 4);
            classification -= logits[truth] - logSum;
            var predicted = Array.IndexOf(logits, max);
            if (Math.Abs(predicted - truth) <= radius)
                regression += Math.Sqrt(Math.Pow(Outputs[i] - Targets[i], 2) + 1e-6);
        }
        var expected = (regression + weight * classification) / Outputs.Length;
        using var tape = new Tape();
        var loss = new FgdlOutputLoss(options).Compute(Tensor.FromArray(Outputs, Shape), Tensor.FromArray(Targets, Shape)).Item();
        Assert.Equal(expected, loss, 1e-4 * Math.Max(1, Math.Abs(expected)));
    }

    [Fact]
    public void Mask_DropsTheRegressionOfPixelsOutsideTheAnchorArea()
    {
        var options = new FgdlOptions { Bins = 4, Variant = FgdlVariant.FixedRadius, FixedRadius = 1, WidenToTruth = false };
        using var tape = new Tape();
        var target = Tensor.FromArray(Targets, Shape);
        var mask = FgdlOutputLoss.RegressionMask(FgdlOutputLoss.BinLogits(Tensor.FromArray(Outputs, Shape), 4, 0.5f), target, options)!.ToArray();
        // predicted bins 0 1 2 3 1 3, truth bins 0 3 2 0 1 3: pixels 1 and 3 are 2 and 3 bins off.
        Assert.Equal(new[] { 1f, 0f, 1f, 0f, 1f, 1f }, mask);
        Assert.Null(FgdlOutputLoss.RegressionMask(Tensor.FromArray(new float[24], 1, 4, 2, 3), target, options with { WidenToTruth = true }));
        Assert.Null(FgdlOutputLoss.RegressionMask(Tensor.FromArray(new float[24], 1, 4, 2, 3), target, options with { Variant = FgdlVariant.Auxiliary }));
    }

    [Theory]
    [InlineData(FgdlVariant.FixedRadius)]
    [InlineData(FgdlVariant.ClassModule)]
    [InlineData(FgdlVariant.Auxiliary)]
    public void Gradient_MatchesFiniteDifferences(FgdlVariant variant)
    {
        var options = new FgdlOptions { Bins = 4, Variant = variant, FixedRadius = 1, WidenToTruth = false, ClassificationWeight = 0.3f };
        var target = Tensor.FromArray(Targets, Shape).Persist();
        var loss = new FgdlOutputLoss(options);
        CheckGradient(x => loss.Compute(x, target), Outputs, Shape, h: 2e-3f, tolerance: 5e-3);
    }

    [Fact]
    public void TrainingConfig_BuildsTheHeadsFreeLossAsAContentLoss()
    {
        var config = new LossConfig { Kind = "fgdl-output", Fgdl = new FgdlOptions { Bins = 8, ClassificationWeight = 0.01f } };
        var loss = Assert.IsType<FgdlOutputLoss>(config.CreateContentLoss());
        Assert.Equal(8, loss.Options.Bins);
        Assert.False(config.IsFgdl);
        Assert.Throws<ArgumentException>(() => new LossConfig { Kind = "fgdl-output", Fgdl = new FgdlOptions { OutputSoftness = 0 } }.CreateContentLoss());
    }

    [Fact]
    public void TinyLapSrn_OverfitsOneBatch_WithNoExtraParameters()
    {
        var options = new FgdlOptions { Bins = 8, Variant = FgdlVariant.FixedRadius, FixedRadius = 1, WidenToTruth = false, ClassificationWeight = 0.05f };
        using var network = new LapSrn(new LapSrnOptions { Scale = 2, Width = 8, Depth = 1 }, new Rng(1));
        using var adam = new Adam(network.Parameters(), 1e-2);
        var (lr, hr) = SmoothPair();
        var loss = new FgdlOutputLoss(options);
        var losses = new List<float>();
        for (var step = 0; step < 80; step++)
        {
            using var tape = new Tape();
            adam.ZeroGrad();
            var value = loss.Compute(network.Forward(lr), hr);
            value.Backward();
            adam.Step();
            losses.Add(value.Item());
        }
        Assert.True(losses[^1] < 0.5 * losses[0], $"Loss went from {losses[0]} to {losses[^1]}.");
    }
}
