using SuperRes.Models.Fgdl;
using SuperRes.Losses;
using SuperRes.Models;
using SuperRes.Tensors;
using SuperRes.Tensors.Optim;
using static SuperRes.Tests.Losses.LossTestHelpers;

namespace SuperRes.Tests.Losses;

/// <summary>The anchored readout sr = lo + (hi - lo) sigmoid(t + logit((v - lo)/(hi - lo))) and the output term.</summary>
public sealed class FgdlAnchoredReadoutTests
{
    private static readonly FgdlOptions Options = new() { Bins = 4, Variant = FgdlVariant.FixedRadius, FixedRadius = 1, AnchoredReadout = true };

    // Bins 1 and 3 predicted: areas [0, 0.75] and [0.5, 1].
    private static Tensor Logits() => Tensor.FromArray([0f, 0f, 5f, 0f, 0f, 0f, 0f, 5f], 1, 4, 1, 2).Persist();

    [Fact]
    public void Reconstruct_TZero_ReadsTheNetworkOutputInsideTheArea()
    {
        using var tape = new Tape();
        var v = Tensor.FromArray([0.3f, 0.8f], 1, 1, 1, 2);
        var (image, areas) = FgdlLoss.Reconstruct(Logits(), Tensor.FromArray([0f, 0f], 1, 1, 1, 2), Options, null, v);

        Assert.Equal([0f, 0.5f], areas.Lo);
        Assert.Equal(0.3f, image.ToArray()[0], 1e-5f);
        Assert.Equal(0.8f, image.ToArray()[1], 1e-5f);
    }

    [Fact]
    public void Reconstruct_OutputOutsideTheArea_IsHeldInsideIt()
    {
        using var tape = new Tape();
        var v = Tensor.FromArray([0.95f, 0.1f], 1, 1, 1, 2);
        var (image, areas) = FgdlLoss.Reconstruct(Logits(), Tensor.FromArray([0f, 0f], 1, 1, 1, 2), Options, null, v);

        var values = image.ToArray();
        for (int i = 0; i < 2; i++) Assert.InRange(values[i], areas.Lo[i], areas.Hi[i]);
        Assert.Equal(0.75f, values[0], 1e-3f);
        Assert.Equal(0.5f, values[1], 1e-3f);
    }

    [Fact]
    public void Reconstruct_GradientWithRespectToT_MatchesFiniteDifferences()
    {
        var v = Tensor.FromArray([0.3f, 0.8f], 1, 1, 1, 2).Persist();
        CheckGradient(t => Ops.Sum(Ops.Square(FgdlLoss.Reconstruct(Logits(), t, Options, null, v).Image)), [0.4f, -0.7f], [1, 1, 1, 2]);
    }

    [Fact]
    public void Reconstruct_GradientWithRespectToOutput_MatchesFiniteDifferences()
    {
        var t = Tensor.FromArray([0.4f, -0.7f], 1, 1, 1, 2).Persist();
        CheckGradient(v => Ops.Sum(Ops.Square(FgdlLoss.Reconstruct(Logits(), t, Options, null, v).Image)), [0.3f, 0.8f], [1, 1, 1, 2], h: 1e-3f);
    }

    [Fact]
    public void Reconstruct_WithoutOutput_Throws()
    {
        using var tape = new Tape();
        Assert.Throws<ArgumentException>(() => FgdlLoss.Reconstruct(Logits(), Tensor.FromArray([0f, 0f], 1, 1, 1, 2), Options, null));
    }

    [Fact]
    public void Compute_OutputWeight_AddsTheOwnOutputsCharbonnier()
    {
        using var tape = new Tape();
        var logits = Logits();
        var t = Tensor.FromArray([0f, 0f], 1, 1, 1, 2);
        var v = Tensor.FromArray([0.3f, 0.8f], 1, 1, 1, 2);
        var target = Tensor.FromArray([0.2f, 0.9f], 1, 1, 1, 2);
        var level = new FgdlLevelOutput(logits, t, v);
        var without = new FgdlLoss(Options).Compute(level, target);
        var with = new FgdlLoss(Options with { OutputWeight = 0.5f }).Compute(level, target);

        double charbonnier = (Math.Sqrt(0.01 + 1e-6) + Math.Sqrt(0.01 + 1e-6)) / 2;
        Assert.Equal(without.Regression + 0.5 * charbonnier, with.Regression, 1e-5);
    }

    [Fact]
    public void Options_RoundTripThroughJson_AndTagSaysAnchored()
    {
        var options = Options with { OutputWeight = 0.25f };

        var back = FgdlOptions.FromJson(options.ToJson());

        Assert.Equal(options, back);
        Assert.EndsWith("-anchored", back.Tag);
    }

    [Fact]
    public void Network_AnchoredReadout_TrainsDownOnOneBatch()
    {
        using var network = FgdlNetwork.Create(new LapSrn(new LapSrnOptions { Scale = 2, Width = 8, Depth = 1 }, new Rng(1)),
            Options with { Variant = FgdlVariant.ClassModule, Bins = 8, ClassificationWeight = 0.01f, OutputWeight = 1f }, new Rng(2));
        var loss = new FgdlLoss(network.FgdlOptions);
        var lr = Values(64, 7, 0.2, 0.8);
        var hr = new float[256];
        for (int i = 0; i < 256; i++) hr[i] = lr[(i / 16 / 2) * 8 + (i % 16) / 2]; // a target the network can fit: the LR pixels, doubled
        var x = Tensor.FromArray(lr, 1, 1, 8, 8).Persist();
        var y = Tensor.FromArray(hr, 1, 1, 16, 16).Persist();
        var optimizer = new Adam(network.Parameters(), 3e-3);
        double first = 0, last = 0;
        for (int step = 0; step < 60; step++)
        {
            using var tape = new Tape();
            optimizer.ZeroGrad();
            var result = loss.Compute(network.ForwardTraining(x)[0], y);
            result.Total.Backward();
            optimizer.Step();
            if (step == 0) first = result.Total.Item();
            last = result.Total.Item();
        }
        Assert.True(last < 0.5 * first, $"loss {first} -> {last}");
    }
}
