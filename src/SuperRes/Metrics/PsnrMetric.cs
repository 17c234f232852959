using SuperRes.Processing;

namespace SuperRes.Metrics;

/// <summary>Peak signal-to-noise ratio, 10 log10(peak² / MSE), in double; +∞ for identical planes.</summary>
public static class PsnrMetric
{
    public static double Compute(Plane actual, Plane expected, double peak = 255)
    {
        MetricGuard.SameSize(actual, expected);
        double sum = 0;
        for (var i = 0; i < actual.Data.Length; i++)
        {
            double d = (double)actual.Data[i] - expected.Data[i];
            sum += d * d;
        }
        var mse = sum / actual.Data.Length;
        return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(peak * peak / mse);
    }

    /// <summary>The peak of an n-bit image, 2^n - 1.</summary>
    public static double PeakForBitDepth(int bitDepth) => (1 << bitDepth) - 1;
}
