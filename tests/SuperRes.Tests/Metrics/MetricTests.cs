using SuperRes.Metrics;
using SuperRes.Processing;
using SuperRes.Tests.Processing;

namespace SuperRes.Tests.Metrics;

public sealed class MetricTests
{
    [Fact]
    public void Psnr_ErrorOfOneEverywhere_Is20Log10Of255()
    {
        Assert.Equal(20 * Math.Log10(255), PsnrMetric.Compute(Plane.Filled(5, 3, 11), Plane.Filled(5, 3, 10)), 10);
    }

    [Fact]
    public void Psnr_IdenticalPlanes_IsInfinite()
    {
        var p = PlaneFactory.Random(4, 4, 1);
        Assert.Equal(double.PositiveInfinity, PsnrMetric.Compute(p, p.Clone()));
    }

    [Fact]
    public void Psnr_16BitPeak_Adds20Log10Of257()
    {
        var a = Plane.Filled(2, 2, 3);
        var b = Plane.Filled(2, 2, 0);
        Assert.Equal(PsnrMetric.Compute(a, b) + 20 * Math.Log10(257), PsnrMetric.Compute(a, b, PsnrMetric.PeakForBitDepth(16)), 9);
    }

    [Fact]
    public void Ssim_IdenticalPlanes_IsOne()
    {
        var p = PlaneFactory.Random(20, 16, 2);
        Assert.Equal(1.0, SsimMetric.Compute(p, p.Clone()), 12);
    }

    [Fact]
    public void Ssim_ConstantPlanes_IsLuminanceTerm()
    {
        const double c1 = 2.55 * 2.55;
        var expected = (2 * 100.0 * 110 + c1) / (100.0 * 100 + 110.0 * 110 + c1);
        Assert.Equal(expected, SsimMetric.Compute(Plane.Filled(13, 12, 100), Plane.Filled(13, 12, 110)), 9);
    }

    [Fact]
    public void Ssim_NoisyCopy_IsBelowOneAndSymmetric()
    {
        var a = PlaneFactory.Random(24, 24, 3);
        var noise = PlaneFactory.Random(24, 24, 4, 40);
        var b = new Plane(24, 24);
        for (var i = 0; i < b.Data.Length; i++) b.Data[i] = a.Data[i] + noise.Data[i] - 20;
        var ab = SsimMetric.Compute(a, b);
        static double[,] D(Plane p)
        {
            var d = new double[p.Height, p.Width];
            for (var i = 0; i < p.Data.Length; i++) d[i / p.Width, i % p.Width] = p.Data[i];
            return d;
        }
        Assert.Equal(SuperRes.Tests.Evaluation.ReferencePipeline.Ssim(D(a), D(b)), ab, 1e-9);
        Assert.Equal(SuperRes.Tests.Evaluation.ReferencePipeline.Psnr(D(a), D(b)), PsnrMetric.Compute(a, b), 1e-9);
        Assert.Equal(ab, SsimMetric.Compute(b, a), 12);
    }

    [Fact]
    public void Ssim_PlaneSmallerThanWindow_Throws() =>
        Assert.Throws<ArgumentException>(() => SsimMetric.Compute(new Plane(10, 30), new Plane(10, 30)));

    [Fact]
    public void Hfen_ConstantOffset_IsZero()
    {
        var hr = PlaneFactory.Random(20, 18, 5);
        var sr = new Plane(20, 18);
        for (var i = 0; i < sr.Data.Length; i++) sr.Data[i] = hr.Data[i] + 7;
        Assert.Equal(0.0, HfenMetric.Compute(sr, hr), 6);
    }

    [Fact]
    public void Hfen_DoubledImage_IsOne()
    {
        var hr = PlaneFactory.Random(20, 18, 6, 100);
        var sr = new Plane(20, 18);
        for (var i = 0; i < sr.Data.Length; i++) sr.Data[i] = 2 * hr.Data[i];
        Assert.Equal(1.0, HfenMetric.Compute(sr, hr), 6);
    }

    [Fact]
    public void Filter2Valid_BoxKernel_SumsNeighbourhoods()
    {
        double[] input = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
        var result = Filter2.Valid(new double[,] { { 1, 0 }, { 0, 2 } }, input, 4, 3, out var w, out var h);
        Assert.Equal((3, 2), (w, h));
        Assert.Equal([1 + 2 * 6, 2 + 2 * 7, 3 + 2 * 8, 5 + 2 * 10, 6 + 2 * 11, 7 + 2 * 12], result);
    }

    [Fact]
    public void Metrics_DifferentSizes_Throw() =>
        Assert.Throws<ArgumentException>(() => PsnrMetric.Compute(new Plane(3, 3), new Plane(3, 4)));
}
