using SuperRes.Processing;

namespace SuperRes.Metrics;

/// <summary>
/// High-frequency error norm (Ravishankar and Bresler, 2011): ‖LoG(actual − expected)‖₂ / ‖LoG(expected)‖₂
/// with the 15x15, σ 1.5 Laplacian of Gaussian of <c>fspecial('log')</c>. We filter 'valid' (no
/// padding), as SSIM does, so borders invent no edges; planes must be at least 15x15.
/// Lower is better; 0 for identical planes.
/// </summary>
public static class HfenMetric
{
    private static readonly double[,] Log = Fspecial.LaplacianOfGaussian(15, 1.5);

    public static double Compute(Plane actual, Plane expected)
    {
        MetricGuard.SameSize(actual, expected);
        var e = Filter2.ToDouble(expected);
        var d = new double[e.Length];
        for (var i = 0; i < d.Length; i++) d[i] = (double)actual.Data[i] - e[i];
        var logDiff = Filter2.Valid(Log, d, actual.Width, actual.Height, out _, out _);
        var logRef = Filter2.Valid(Log, e, actual.Width, actual.Height, out _, out _);
        var num = Norm(logDiff);
        var den = Norm(logRef);
        if (den == 0) return num == 0 ? 0 : double.PositiveInfinity;
        return num / den;
    }

    private static double Norm(double[] v)
    {
        double s = 0;
        foreach (var x in v) s += x * x;
        return Math.Sqrt(s);
    }
}
