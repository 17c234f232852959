using SuperRes.Metrics;

namespace SuperRes.Tests.Metrics;

public sealed class FspecialTests
{
    [Fact]
    public void Gaussian_11Sigma15_IsNormalisedAndSymmetric()
    {
        var h = Fspecial.Gaussian(11, 1.5);
        double sum = 0;
        foreach (var v in h) sum += v;
        Assert.Equal(1.0, sum, 12);
        Assert.Equal(h[0, 3], h[3, 0], 15);
        Assert.Equal(h[10, 7], h[0, 3], 15);
        // Centre over an edge neighbour is exp(1/(2 sigma^2)).
        Assert.Equal(Math.Exp(1 / 4.5), h[5, 5] / h[5, 4], 12);
    }

    [Fact]
    public void LaplacianOfGaussian_3Sigma1_MatchesHandComputedValues()
    {
        // g normalised from {1, e^-1/2, e^-1}; h1 = g (r^2 - 2); h = h1 - mean(h1).
        var h = Fspecial.LaplacianOfGaussian(3, 1);
        Assert.Equal(-0.30794597, h[1, 1], tolerance: 1e-7);
        Assert.Equal(-0.02342746, h[0, 1], tolerance: 1e-7);
        Assert.Equal(0.10041395, h[0, 0], tolerance: 1e-7);
    }

    [Fact]
    public void LaplacianOfGaussian_15Sigma15_SumsToZero()
    {
        double sum = 0;
        foreach (var v in Fspecial.LaplacianOfGaussian(15, 1.5)) sum += v;
        Assert.Equal(0.0, sum, 12);
    }
}
