using SuperRes.Losses;
using SuperRes.Tensors;
using static SuperRes.Tests.Losses.LossTestHelpers;

namespace SuperRes.Tests.Losses;

public class GanLossesTests
{
    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    [Fact]
    public void Discriminator_MatchesMinusLogProbabilities()
    {
        var real = Values(4, 1, -3, 3);
        var fake = Values(4, 2, -3, 3);
        double expected = real.Average(z => -Math.Log(Sigmoid(z))) + fake.Average(z => -Math.Log(1 - Sigmoid(z)));
        using var tape = new Tape();
        var value = GanLosses.Discriminator(Tensor.FromArray(real, 4, 1), Tensor.FromArray(fake, 4, 1)).Item();
        Assert.Equal(expected, value, 1e-5);
    }

    [Fact]
    public void Generator_MatchesMinusLogD()
    {
        var fake = Values(4, 3, -3, 3);
        using var tape = new Tape();
        Assert.Equal(fake.Average(z => -Math.Log(Sigmoid(z))), GanLosses.Generator(Tensor.FromArray(fake, 4, 1)).Item(), 1e-5);
    }

    [Fact]
    public void Losses_ExtremeLogits_StayFinite()
    {
        using var tape = new Tape();
        var logits = Tensor.FromArray([-200f, 200f], 2, 1);
        var d = GanLosses.Discriminator(logits, logits).Item();
        Assert.True(float.IsFinite(d));
        Assert.Equal(200f, d, 1e-3); // half of each mean is ~200, the other ~0
    }

    [Fact]
    public void Softplus_Gradient_MatchesFiniteDifferences()
    {
        CheckGradient(x => Ops.Sum(ElementLosses.Softplus(x)), Values(6, 4, -4, 4), [6], h: 1e-2f);
    }

    [Fact]
    public void Discriminator_Forward_GivesOneLogitPerImage()
    {
        using var d = new Discriminator(1, new Rng(1), width: 4, stages: 2);
        using var tape = new Tape();
        var logits = d.Forward(Tensor.FromArray(Values(2 * 16 * 16, 5), 2, 1, 16, 16));
        Assert.Equal(new[] { 2, 1 }, logits.Shape.ToArray());
    }
}
