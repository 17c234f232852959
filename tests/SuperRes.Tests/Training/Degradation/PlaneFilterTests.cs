using SuperRes.Processing;
using SuperRes.Training.Degradation;

namespace SuperRes.Tests.Training.Degradation;

public class PlaneFilterTests
{
    [Theory]
    [InlineData(-1, 5, 1)]
    [InlineData(-4, 5, 4)]
    [InlineData(5, 5, 3)]
    [InlineData(-7, 3, 1)]
    [InlineData(12, 3, 0)]
    [InlineData(3, 1, 0)]
    public void Reflect_MirrorsWithoutRepeatingTheEdge(int index, int length, int expected) =>
        Assert.Equal(expected, PlaneFilter.Reflect(index, length));

    [Fact]
    public void Convolve_ADelta_GivesTheKernel_AndAConstantStaysConstant()
    {
        var kernel = BlurKernels.Gaussian(7, 1.5, 0.7, 0.4);
        var delta = new Plane(15, 15);
        delta.Data[7 * 15 + 7] = 1;
        var response = PlaneFilter.Convolve(delta, kernel);
        for (int y = 0; y < 7; y++)
            for (int x = 0; x < 7; x++) Assert.Equal(kernel[x, y], response[x + 4, y + 4], 6);
        var flat = PlaneFilter.Convolve(Plane.Filled(5, 4, 90), BlurKernels.Gaussian(21, 3, 3, 0)); // kernel wider than the plane
        Assert.All(flat.Data, v => Assert.Equal(90f, v, 3));
    }

    [Fact]
    public void Convolve_MatchesADirectSumWithMirroredBorders()
    {
        var random = new Random(4);
        var p = new Plane(9, 6);
        for (int i = 0; i < p.Data.Length; i++) p.Data[i] = random.Next(256);
        var kernel = BlurKernels.Plateau(5, 1.2, 0.8, 1.0, 1.5);
        var result = PlaneFilter.Convolve(p, kernel);
        for (int y = 0; y < 6; y++)
            for (int x = 0; x < 9; x++)
            {
                double sum = 0;
                for (int ky = -2; ky <= 2; ky++)
                    for (int kx = -2; kx <= 2; kx++)
                        sum += kernel[kx + 2, ky + 2] * p[PlaneFilter.Reflect(x + kx, 9), PlaneFilter.Reflect(y + ky, 6)];
                Assert.Equal(sum, result[x, y], 1e-5 * 255);
            }
    }
}
