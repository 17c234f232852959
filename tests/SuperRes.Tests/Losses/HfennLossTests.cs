using SuperRes.Losses;
using SuperRes.Metrics;
using SuperRes.Tensors;
using static SuperRes.Tests.Losses.LossTestHelpers;

namespace SuperRes.Tests.Losses;

public class HfennLossTests
{
    [Fact]
    public void Compute_MatchesDirectLogOfTheDifference()
    {
        int n = 1, c = 2, h = 9, w = 11, size = 7;
        var sr = Values(n * c * h * w, 1);
        var hr = Values(n * c * h * w, 2);
        var log = Fspecial.LaplacianOfGaussian(size, 1.5);
        double expected = 0;
        for (var p = 0; p < n * c; p++)
            for (var y = 0; y < h; y++)
                for (var x = 0; x < w; x++)
                {
                    double acc = 0;
                    for (var i = 0; i < size; i++)
                        for (var j = 0; j < size; j++)
                        {
                            int yy = y + i - size / 2, xx = x + j - size / 2;
                            if (yy < 0 || yy >= h || xx < 0 || xx >= w) continue;
                            var k = p * h * w + yy * w + xx;
                            acc += log[i, j] * ((double)sr[k] - hr[k]);
                        }
                    expected += acc * acc;
                }
        expected /= n * c * h * w;
        using var loss = new HfennLoss(size: size);
        using var tape = new Tape();
        var value = loss.Compute(Tensor.FromArray(sr, n, c, h, w), Tensor.FromArray(hr, n, c, h, w)).Item();
        Assert.Equal(expected, value, expected * 1e-5);
    }

    [Fact]
    public void Compute_ConstantOffset_IsNearZero()
    {
        // The LoG sums to zero: a constant difference has no high frequencies away from the border.
        using var loss = new HfennLoss();
        using var tape = new Tape();
        var a = Tensor.Full(0.3f, 1, 1, 40, 40);
        var b = Tensor.Full(0.1f, 1, 1, 40, 40);
        var filtered = loss.Filter(Ops.Sub(a, b));
        Assert.True(Math.Abs(filtered[0, 0, 20, 20]) < 1e-6);
    }

    [Fact]
    public void Compute_Gradient_MatchesFiniteDifferences()
    {
        int[] shape = [1, 1, 6, 5];
        var hr = Values(30, 3);
        using var loss = new HfennLoss(weight: 100f, size: 5);
        CheckGradient(x => loss.Compute(x, Tensor.FromArray(hr, shape)), Values(30, 4), shape, h: 1e-2f);
    }
}
