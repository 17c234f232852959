using SuperRes.Losses;
using SuperRes.Tensors;
using static SuperRes.Tests.Losses.LossTestHelpers;

namespace SuperRes.Tests.Losses;

public class PixelLossTests
{
    private static readonly int[] Shape = [2, 1, 3, 4];

    [Theory]
    [InlineData(PixelLossKind.Mse)]
    [InlineData(PixelLossKind.L1)]
    [InlineData(PixelLossKind.Charbonnier)]
    public void Compute_Mean_MatchesDoublePrecision(PixelLossKind kind)
    {
        var sr = Values(24, 1);
        var hr = Values(24, 2);
        double expected = 0;
        for (var i = 0; i < 24; i++)
        {
            double d = sr[i] - hr[i];
            expected += kind switch
            {
                PixelLossKind.Mse => d * d,
                PixelLossKind.L1 => Math.Abs(d),
                _ => Math.Sqrt(d * d + 1e-6),
            };
        }
        expected /= 24;
        using var tape = new Tape();
        var value = new PixelLoss(kind).Compute(Tensor.FromArray(sr, Shape), Tensor.FromArray(hr, Shape)).Item();
        Assert.Equal(expected, value, 1e-6);
    }

    [Fact]
    public void Compute_SumPerSampleWithWeight_ScalesTheSum()
    {
        var sr = Values(24, 3);
        var hr = Values(24, 4);
        double sum = 0;
        for (var i = 0; i < 24; i++) sum += Math.Abs(sr[i] - hr[i]);
        using var tape = new Tape();
        var value = new PixelLoss(PixelLossKind.L1, Reduction.SumPerSample, 0.5f).Compute(Tensor.FromArray(sr, Shape), Tensor.FromArray(hr, Shape)).Item();
        Assert.Equal(0.5 * sum / 2, value, 1e-5);
    }

    [Theory]
    [InlineData(PixelLossKind.Mse)]
    [InlineData(PixelLossKind.Charbonnier)]
    public void Compute_Gradient_MatchesFiniteDifferences(PixelLossKind kind)
    {
        var hr = Values(24, 5);
        var sr = Values(24, 6);
        var loss = new PixelLoss(kind, Reduction.Sum);
        CheckGradient(x => loss.Compute(x, Tensor.FromArray(hr, Shape)), sr, Shape, h: 1e-3f);
    }

    [Theory]
    [InlineData(PixelLossKind.Mse)]
    [InlineData(PixelLossKind.L1)]
    [InlineData(PixelLossKind.Charbonnier)]
    public void Compute_Gradient_MatchesDoublePrecisionDifferences(PixelLossKind kind)
    {
        var hr = Values(24, 7);
        var sr = Parameter(Values(24, 8), Shape);
        var loss = new PixelLoss(kind, Reduction.Mean);
        GradCheck.CheckAgainstDouble(x => loss.Compute(x[0], Tensor.FromArray(hr, Shape)), v =>
        {
            double sum = 0;
            for (var i = 0; i < 24; i++)
            {
                double d = v[0][i] - hr[i];
                sum += kind switch { PixelLossKind.Mse => d * d, PixelLossKind.L1 => Math.Abs(d), _ => Math.Sqrt(d * d + 1e-6) };
            }
            return [sum / 24];
        }, [sr]);
    }

    [Fact]
    public void Compute_ShapeMismatch_Throws()
    {
        using var tape = new Tape();
        var ex = Assert.Throws<ArgumentException>(() => new PixelLoss(PixelLossKind.Mse).Compute(Tensor.Zeros(1, 1, 2, 2), Tensor.Zeros(1, 1, 2, 3)));
        Assert.Contains("differ in shape", ex.Message);
    }

    [Fact]
    public void SumLoss_AddsTerms()
    {
        var sr = Values(24, 7);
        var hr = Values(24, 8);
        using var tape = new Tape();
        var a = Tensor.FromArray(sr, Shape);
        var b = Tensor.FromArray(hr, Shape);
        var mse = new PixelLoss(PixelLossKind.Mse).Compute(a, b).Item();
        var l1 = new PixelLoss(PixelLossKind.L1, weight: 2f).Compute(a, b).Item();
        var sum = new SumLoss(new PixelLoss(PixelLossKind.Mse), new PixelLoss(PixelLossKind.L1, weight: 2f));
        Assert.Equal(mse + l1, sum.Compute(a, b).Item(), 1e-6);
        Assert.Equal("mse+l1", sum.Name);
    }
}
