using SuperRes.Training.Data;

namespace SuperRes.Training.Degradation;

/// <summary>
/// Poisson variates from a <see cref="TrainingRandom"/>: Knuth's product of uniforms for small
/// means, Hörmann's transformed rejection (PTRS, "The transformed rejection method for generating
/// Poisson random variables", 1993) from a mean of 10 up.
/// </summary>
public static class PoissonSampler
{
    public static int Next(double mean, TrainingRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!(mean >= 0)) throw new ArgumentOutOfRangeException(nameof(mean), $"Poisson mean {mean} must not be negative.");
        if (mean == 0) return 0;
        if (mean < 10)
        {
            double limit = Math.Exp(-mean), product = random.NextDouble();
            int k = 0;
            while (product > limit)
            {
                k++;
                product *= random.NextDouble();
            }
            return k;
        }
        double root = Math.Sqrt(mean), logMean = Math.Log(mean);
        double b = 0.931 + 2.53 * root, a = -0.059 + 0.02483 * b;
        double inverseAlpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2);
        while (true)
        {
            double u = random.NextDouble() - 0.5, v = random.NextDouble();
            double us = 0.5 - Math.Abs(u);
            double k = Math.Floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) return (int)k;
            if (k < 0 || (us < 0.013 && v > us)) continue;
            if (Math.Log(v) + Math.Log(inverseAlpha) - Math.Log(a / (us * us) + b) <= -mean + k * logMean - LogFactorial((int)k))
                return (int)k;
        }
    }

    /// <summary>ln(k!), exact below 20, Stirling's series above (error below 1e-10).</summary>
    internal static double LogFactorial(int k)
    {
        if (k < 20)
        {
            double sum = 0;
            for (int i = 2; i <= k; i++) sum += Math.Log(i);
            return sum;
        }
        double n = k;
        return n * Math.Log(n) - n + 0.5 * Math.Log(2 * Math.PI * n) + 1 / (12 * n) - 1 / (360 * n * n * n);
    }
}
