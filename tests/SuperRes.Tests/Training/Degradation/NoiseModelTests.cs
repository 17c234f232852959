using SuperRes.Processing;
using SuperRes.Training.Data;
using SuperRes.Training.Degradation;

namespace SuperRes.Tests.Training.Degradation;

public class NoiseModelTests
{
    private static (double Mean, double Std) Stats(IEnumerable<double> values)
    {
        var v = values.ToArray();
        double mean = v.Average();
        return (mean, Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)));
    }

    [Fact]
    public void AddGaussian_Colour_HasTheRequestedStdAndIndependentChannels()
    {
        var planes = Enumerable.Range(0, 3).Select(_ => Plane.Filled(128, 128, 128)).ToArray();
        var noisy = NoiseModel.AddGaussian(planes, 10, gray: false, TrainingRandom.For(1, 2));
        for (int c = 0; c < 3; c++)
        {
            var (mean, std) = Stats(noisy[c].Data.Select(v => v - 128.0));
            Assert.Equal(0, mean, 0.3);
            Assert.Equal(10, std, 0.25);
        }
        double correlation = noisy[0].Data.Zip(noisy[1].Data, (a, b) => (a - 128.0) * (b - 128.0)).Average() / 100;
        Assert.InRange(correlation, -0.05, 0.05);
    }

    [Fact]
    public void AddGaussian_Grey_AddsTheSameNoiseToEveryChannel()
    {
        var planes = Enumerable.Range(0, 3).Select(_ => Plane.Filled(64, 64, 100)).ToArray();
        var noisy = NoiseModel.AddGaussian(planes, 5, gray: true, TrainingRandom.For(1, 3));
        Assert.Equal(noisy[0].Data, noisy[1].Data);
        Assert.Equal(noisy[0].Data, noisy[2].Data);
        Assert.Equal(5, Stats(noisy[0].Data.Select(v => (double)v)).Std, 0.3);
    }

    [Fact]
    public void AddGaussian_ClipsToTheSampleRange()
    {
        var noisy = NoiseModel.AddGaussian([Plane.Filled(32, 32, 250)], 30, gray: false, TrainingRandom.For(1, 4));
        Assert.InRange(noisy[0].Data.Max(), 250f, 255f);
        Assert.Equal(255f, noisy[0].Data.Max());
    }

    [Fact]
    public void AddPoisson_StdIsShotNoiseOfTheImageLevels()
    {
        // Columns hold the 256 levels, so the image has 256 distinct values and 256 photon levels:
        // at level v the noise std is scale * 255 * sqrt(v / 255 * 256) / 256.
        const int rows = 2000;
        var plane = new Plane(256, rows);
        for (int y = 0; y < rows; y++)
            for (int x = 0; x < 256; x++) plane.Data[y * 256 + x] = x;
        const double scale = 2;
        var noisy = NoiseModel.AddPoisson([plane], scale, gray: false, TrainingRandom.For(1, 5))[0];
        foreach (int level in new[] { 20, 100, 150 })
        {
            var (mean, std) = Stats(Enumerable.Range(0, rows).Select(y => noisy.Data[y * 256 + level] - (double)level));
            double expected = scale * 255 * Math.Sqrt(level / 255.0 * 256) / 256;
            Assert.Equal(expected, std, 0.06 * expected);
            Assert.Equal(0, mean, 0.15 * expected);
        }
    }

    [Fact]
    public void AddPoisson_Grey_AddsTheSameNoiseToEveryChannel()
    {
        var random = new Random(3);
        var planes = Enumerable.Range(0, 3).Select(_ =>
        {
            var p = new Plane(48, 48);
            for (int i = 0; i < p.Data.Length; i++) p.Data[i] = 60 + random.Next(120);
            return p;
        }).ToArray();
        var noisy = NoiseModel.AddPoisson(planes, 1, gray: true, TrainingRandom.For(1, 6));
        for (int i = 0; i < planes[0].Data.Length; i++)
        {
            float d0 = noisy[0].Data[i] - planes[0].Data[i];
            Assert.Equal(d0, noisy[1].Data[i] - planes[1].Data[i], 3);
            Assert.Equal(d0, noisy[2].Data[i] - planes[2].Data[i], 3);
        }
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(3.0)]
    [InlineData(12.5)]
    [InlineData(60.0)]
    [InlineData(240.0)]
    public void PoissonSampler_MeanAndVarianceEqualTheMean(double lambda)
    {
        var random = TrainingRandom.For(2, (long)(lambda * 10));
        var draws = Enumerable.Range(0, 40000).Select(_ => (double)PoissonSampler.Next(lambda, random)).ToArray();
        var (mean, std) = Stats(draws);
        Assert.Equal(lambda, mean, 0.02 * lambda + 0.02);
        Assert.Equal(lambda, std * std, 0.05 * lambda + 0.02);
        Assert.True(draws.All(d => d >= 0 && d == Math.Floor(d)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(19)]
    [InlineData(20)]
    [InlineData(170)]
    public void LogFactorial_MatchesTheSumOfLogs(int k)
    {
        double exact = 0;
        for (int i = 2; i <= k; i++) exact += Math.Log(i);
        Assert.Equal(exact, PoissonSampler.LogFactorial(k), 8);
    }
}
