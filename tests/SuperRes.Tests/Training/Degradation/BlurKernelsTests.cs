using SuperRes.Training.Data;
using SuperRes.Training.Degradation;

namespace SuperRes.Tests.Training.Degradation;

public class BlurKernelsTests
{
    /// <summary>The kernel's covariance as measured moments: (var x, var y, cov xy).</summary>
    private static (double Xx, double Yy, double Xy) Moments(BlurKernel k)
    {
        int c = k.Size / 2;
        double xx = 0, yy = 0, xy = 0;
        for (int y = 0; y < k.Size; y++)
            for (int x = 0; x < k.Size; x++)
            {
                double w = k[x, y];
                xx += w * (x - c) * (x - c);
                yy += w * (y - c) * (y - c);
                xy += w * (x - c) * (y - c);
            }
        return (xx, yy, xy);
    }

    [Theory]
    [InlineData(3.0, 1.5, 0.6)]
    [InlineData(2.0, 0.8, -2.0)]
    [InlineData(1.2, 1.2, 0.0)]
    public void Gaussian_SumsToOneWithTheRequestedSigmasAndOrientation(double sigmaX, double sigmaY, double theta)
    {
        var kernel = BlurKernels.Gaussian(41, sigmaX, sigmaY, theta);
        Assert.Equal(1.0, kernel.Weights.Sum(), 1e-12);
        var (xx, yy, xy) = Moments(kernel);
        // Eigen-decomposition of the measured 2x2 covariance.
        double mean = (xx + yy) / 2, spread = Math.Sqrt((xx - yy) * (xx - yy) / 4 + xy * xy);
        Assert.Equal(sigmaX * sigmaX, mean + spread, 0.01 * sigmaX * sigmaX);
        Assert.Equal(sigmaY * sigmaY, mean - spread, 0.01 * sigmaX * sigmaX);
        if (sigmaX != sigmaY)
        {
            double measured = 0.5 * Math.Atan2(2 * xy, xx - yy); // major axis, modulo pi
            double difference = Math.IEEERemainder(measured - theta, Math.PI);
            Assert.True(Math.Abs(difference) < 0.01, $"orientation {measured} vs {theta}");
        }
        else Assert.Equal(0, xy, 1e-9);
    }

    [Fact]
    public void Generalized_BetaOneIsTheGaussian_AndBetaShapesTheTails()
    {
        var gaussian = BlurKernels.Gaussian(21, 2, 1, 0.3);
        var beta1 = BlurKernels.Generalized(21, 2, 1, 0.3, 1);
        for (int i = 0; i < gaussian.Weights.Length; i++) Assert.Equal(gaussian.Weights[i], beta1.Weights[i], 15);
        // beta < 1: heavier tails (more weight far away); beta > 1: flatter top, lighter tails.
        var normal = Moments(BlurKernels.Gaussian(21, 2, 2, 0)).Xx;
        var heavy = Moments(BlurKernels.Generalized(21, 2, 2, 0, 0.5)).Xx;
        var light = Moments(BlurKernels.Generalized(21, 2, 2, 0, 4)).Xx;
        Assert.InRange(normal, 3.95, 4.05);
        Assert.True(heavy > 1.5 * normal, $"beta 0.5: {heavy}");
        Assert.True(light < 0.5 * normal, $"beta 4: {light}");
    }

    [Fact]
    public void Plateau_SumsToOne_PeaksAtTheCentre_AndDecaysAsItsFormula()
    {
        var kernel = BlurKernels.Plateau(21, 2, 2, 0, 1.5);
        Assert.Equal(1.0, kernel.Weights.Sum(), 1e-12);
        double centre = kernel[10, 10];
        Assert.Equal(kernel.Weights.Max(), centre);
        // q = r² / sigma² = 1 at r = 2: 1 / (1 + 1) of the centre.
        Assert.Equal(0.5 * centre, kernel[12, 10], 1e-12);
    }

    [Theory]
    // torch.special.bessel_j1 in float64 (Cephes rational approximations, good to about 1e-8).
    [InlineData(1.0, 0.44005058574493355)]
    [InlineData(5.0, -0.3275791437359959)]
    [InlineData(10.0, 0.043472745839915526)]
    [InlineData(40.0, 0.126038318037585)]
    public void BesselJ1_MatchesTables(double x, double expected) => Assert.Equal(expected, BlurKernels.BesselJ1(x), 1e-8);

    [Fact]
    public void Sinc_SumsToOne_IsSymmetric_AndRingsBelowZero()
    {
        var kernel = BlurKernels.Sinc(21, Math.PI / 3);
        Assert.Equal(1.0, kernel.Weights.Sum(), 1e-12);
        Assert.Equal(kernel[3, 7], kernel[17, 13], 15);
        Assert.True(kernel.Weights.Min() < 0);
    }

    [Fact]
    public void Random_DrawsOddSizesInRange_EveryShape_AndKernelsSummingToOne()
    {
        var stage = new DegradationStage();
        var sizes = new HashSet<int>();
        for (int i = 0; i < 300; i++)
        {
            var kernel = BlurKernels.Random(stage, [7, 21], TrainingRandom.For(5, i));
            Assert.Equal(1.0, kernel.Weights.Sum(), 1e-9);
            sizes.Add(kernel.Size);
        }
        Assert.Equal([7, 9, 11, 13, 15, 17, 19, 21], sizes.Order());
    }

    [Fact]
    public void Random_AnisotropicSigmasStayInTheStageRange()
    {
        var stage = new DegradationStage { BlurSigma = [0.5, 1.5] };
        for (int i = 0; i < 20; i++)
        {
            var (xx, yy, xy) = Moments(BlurKernels.Random(KernelShape.Anisotropic, 21, stage, TrainingRandom.For(9, i)));
            double mean = (xx + yy) / 2, spread = Math.Sqrt((xx - yy) * (xx - yy) / 4 + xy * xy);
            // The discrete kernel of a small sigma has a little more variance than sigma² (sampling), never less than a quarter of it.
            Assert.InRange(Math.Sqrt(mean + spread), 0.45, 1.55);
            Assert.InRange(Math.Sqrt(Math.Max(mean - spread, 0)), 0.0, 1.55);
        }
    }
}
