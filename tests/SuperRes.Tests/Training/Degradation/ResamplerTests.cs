using SuperRes.Processing;
using SuperRes.Training.Degradation;

namespace SuperRes.Tests.Training.Degradation;

public class ResamplerTests
{
    private static Plane Random(int w, int h, int seed)
    {
        var r = new Random(seed);
        var p = new Plane(w, h);
        for (int i = 0; i < p.Data.Length; i++) p.Data[i] = (float)(255 * r.NextDouble());
        return p;
    }

    [Theory]
    [InlineData(ResizeMode.Area, 17, 9)]
    [InlineData(ResizeMode.Bilinear, 40, 3)]
    [InlineData(ResizeMode.Bicubic, 7, 61)]
    [InlineData(ResizeMode.Bicubic, 1, 1)]
    public void Resize_KeepsAConstantPlaneAndGivesTheSize(ResizeMode mode, int width, int height)
    {
        var result = Resampler.Resize(Plane.Filled(23, 19, 77), width, height, mode);
        Assert.Equal((width, height), (result.Width, result.Height));
        Assert.All(result.Data, v => Assert.Equal(77f, v, 3));
    }

    [Fact]
    public void Resize_HalvingByAreaOrBilinear_AveragesTwoByTwoBlocks()
    {
        var p = Random(10, 8, 1);
        foreach (var mode in new[] { ResizeMode.Area, ResizeMode.Bilinear })
        {
            var half = Resampler.Resize(p, 5, 4, mode);
            for (int y = 0; y < 4; y++)
                for (int x = 0; x < 5; x++)
                {
                    float expected = (p[2 * x, 2 * y] + p[2 * x + 1, 2 * y] + p[2 * x, 2 * y + 1] + p[2 * x + 1, 2 * y + 1]) / 4;
                    Assert.Equal(expected, half[x, y], 3);
                }
        }
    }

    [Fact]
    public void Resize_AreaByAnUnevenFactor_AveragesTheCellsItTouches()
    {
        var p = Random(7, 1, 2);
        var result = Resampler.Resize(p, 3, 1, ResizeMode.Area);
        // PyTorch's adaptive average pooling: cells [0, 3), [2, 5), [4, 7).
        Assert.Equal((p[0, 0] + p[1, 0] + p[2, 0]) / 3, result[0, 0], 3);
        Assert.Equal((p[2, 0] + p[3, 0] + p[4, 0]) / 3, result[1, 0], 3);
        Assert.Equal((p[4, 0] + p[5, 0] + p[6, 0]) / 3, result[2, 0], 3);
    }

    private static readonly float[] Input = [3, 50, 7, 200, 90, 10, 20, 30, 40, 250, 0, 255, 128, 64, 32];

    // torch.nn.functional.interpolate(x.view(1, 1, 3, 5), size=(h, w), mode=mode), rounded to 4 places.
    public static TheoryData<ResizeMode, int, int, double[]> PyTorchOutputs() => new()
    {
        { ResizeMode.Bicubic, 7, 4, [-1.4112, 36.219, 36.2183, 5.3491, 169.5865, 177.2959, 68.0487, 8.8583, 5.8724, 2.4948, 10.9453, 59.8381, 154.7576, 225.8403, -0.2513, 65.3511, 104.445, 67.8413, 22.0366, 93.5228, 201.4549, -22.175, 171.791, 268.5971, 135.0342, 83.424, 37.7212, 12.4663] },
        { ResizeMode.Bicubic, 3, 2, [15.8374, 8.7656, 151.6046, 70.133, 106.6055, 73.3057] },
        { ResizeMode.Bilinear, 7, 4, [3.0, 29.8571, 37.7143, 7.0, 144.8572, 152.8571, 90.0, 7.375, 21.0179, 28.4286, 21.375, 77.5357, 138.5714, 190.0, 6.25, 64.4643, 96.3036, 66.75, 54.0714, 100.1072, 168.25, 0.0, 145.7143, 218.7143, 128.0, 82.2857, 50.2857, 32.0] },
        { ResizeMode.Bilinear, 3, 2, [17.3333, 12.75, 140.0, 67.0833, 103.5, 77.0] },
        { ResizeMode.Area, 7, 4, [3.0, 26.5, 28.5, 7.0, 103.5, 145.0, 90.0, 6.5, 20.75, 26.75, 18.5, 69.25, 145.0, 170.0, 5.0, 71.25, 108.25, 79.0, 65.5, 96.5, 141.0, 0.0, 127.5, 191.5, 128.0, 96.0, 48.0, 32.0] },
        { ResizeMode.Area, 3, 2, [20.75, 57.8333, 145.0, 71.25, 89.5, 96.5] },
    };

    [Theory]
    [MemberData(nameof(PyTorchOutputs))]
    public void Resize_MatchesPyTorchInterpolate(ResizeMode mode, int width, int height, double[] expected)
    {
        var result = Resampler.Resize(new Plane(5, 3, (float[])Input.Clone()), width, height, mode);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], result.Data[i], 0.001);
    }
}
