using SuperRes.Processing;

namespace SuperRes.Metrics;

/// <summary>
/// Structural similarity of Wang et al. (2004) as their <c>ssim_index.m</c> computes it: an 11x11
/// Gaussian window (σ 1.5), K1 = 0.01, K2 = 0.03, dynamic range L, local statistics by
/// <c>filter2(w, ·, 'valid')</c>, the mean of the SSIM map. No downsampling. Planes must be at least 11x11.
/// </summary>
public static class SsimMetric
{
    private static readonly double[,] Window = Fspecial.Gaussian(11, 1.5);

    public static double Compute(Plane actual, Plane expected, double dynamicRange = 255)
    {
        MetricGuard.SameSize(actual, expected);
        var c1 = Math.Pow(0.01 * dynamicRange, 2);
        var c2 = Math.Pow(0.03 * dynamicRange, 2);
        var a = Filter2.ToDouble(actual);
        var b = Filter2.ToDouble(expected);
        int w = actual.Width, h = actual.Height;
        var aa = new double[a.Length];
        var bb = new double[a.Length];
        var ab = new double[a.Length];
        for (var i = 0; i < a.Length; i++)
        {
            aa[i] = a[i] * a[i];
            bb[i] = b[i] * b[i];
            ab[i] = a[i] * b[i];
        }
        var mu1 = Filter2.Valid(Window, a, w, h, out _, out _);
        var mu2 = Filter2.Valid(Window, b, w, h, out _, out _);
        var s11 = Filter2.Valid(Window, aa, w, h, out _, out _);
        var s22 = Filter2.Valid(Window, bb, w, h, out _, out _);
        var s12 = Filter2.Valid(Window, ab, w, h, out _, out _);
        double sum = 0;
        for (var i = 0; i < mu1.Length; i++)
        {
            double m1 = mu1[i], m2 = mu2[i];
            double m11 = m1 * m1, m22 = m2 * m2, m12 = m1 * m2;
            double v1 = s11[i] - m11, v2 = s22[i] - m22, v12 = s12[i] - m12;
            sum += (2 * m12 + c1) * (2 * v12 + c2) / ((m11 + m22 + c1) * (v1 + v2 + c2));
        }
        return sum / mu1.Length;
    }
}
