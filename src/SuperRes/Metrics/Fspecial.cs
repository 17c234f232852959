namespace SuperRes.Metrics;

/// <summary>MATLAB's <c>fspecial</c> filters used by the metrics, built with MATLAB's formulas, in double.</summary>
public static class Fspecial
{
    /// <summary>
    /// <c>fspecial('gaussian', size, sigma)</c>: exp(-(x²+y²)/(2σ²)) on a centred size×size grid,
    /// values below eps·max zeroed, normalised to sum 1. Indexed [row, column].
    /// </summary>
    public static double[,] Gaussian(int size, double sigma)
    {
        var h = UnnormalisedGaussian(size, sigma, out _);
        Normalise(h);
        return h;
    }

    /// <summary>
    /// <c>fspecial('log', size, sigma)</c>: the normalised Gaussian g, then
    /// g·(x²+y²-2σ²)/σ⁴, minus its mean so that the filter sums to zero.
    /// </summary>
    public static double[,] LaplacianOfGaussian(int size, double sigma)
    {
        var h = UnnormalisedGaussian(size, sigma, out var radius);
        Normalise(h);
        var s2 = sigma * sigma;
        double sum = 0;
        for (var r = 0; r < size; r++)
            for (var c = 0; c < size; c++)
            {
                double x = c - radius, y = r - radius;
                h[r, c] = h[r, c] * (x * x + y * y - 2 * s2) / (s2 * s2);
                sum += h[r, c];
            }
        var mean = sum / (size * size);
        for (var r = 0; r < size; r++)
            for (var c = 0; c < size; c++)
                h[r, c] -= mean;
        return h;
    }

    private static double[,] UnnormalisedGaussian(int size, double sigma, out double radius)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        if (!(sigma > 0)) throw new ArgumentOutOfRangeException(nameof(sigma), "Sigma must be positive.");
        radius = (size - 1) / 2.0;
        var h = new double[size, size];
        double max = 0;
        for (var r = 0; r < size; r++)
            for (var c = 0; c < size; c++)
            {
                double x = c - radius, y = r - radius;
                h[r, c] = Math.Exp(-(x * x + y * y) / (2 * sigma * sigma));
                max = Math.Max(max, h[r, c]);
            }
        for (var r = 0; r < size; r++)
            for (var c = 0; c < size; c++)
                if (h[r, c] < Eps * max) h[r, c] = 0;
        return h;
    }

    /// <summary>MATLAB's eps (2^-52), not .NET's double.Epsilon.</summary>
    private const double Eps = 2.220446049250313e-16;

    private static void Normalise(double[,] h)
    {
        double sum = 0;
        foreach (var v in h) sum += v;
        if (sum == 0) return;
        for (var r = 0; r < h.GetLength(0); r++)
            for (var c = 0; c < h.GetLength(1); c++)
                h[r, c] /= sum;
    }
}
