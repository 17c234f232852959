using SuperRes.Training.Data;

namespace SuperRes.Training.Degradation;

/// <summary>
/// The kernels of the Real-ESRGAN degradation. For a pixel offset x (column, row) from the centre
/// and the covariance S = R(theta) diag(sigmaX², sigmaY²) R(theta)ᵀ, with q = xᵀ S⁻¹ x:
/// Gaussian exp(-q/2), generalised Gaussian exp(-q^beta / 2) (beta &lt; 1 heavier tails, &gt; 1 flatter
/// top), plateau 1 / (1 + q^beta); the sinc kernel is the circular low-pass
/// cutoff J1(cutoff r) / (2 pi r). Every kernel is normalised to sum to 1.
/// </summary>
public static class BlurKernels
{
    /// <summary>A generalised Gaussian (beta = 1 is the Gaussian) rotated by <paramref name="theta"/> radians.</summary>
    public static BlurKernel Generalized(int size, double sigmaX, double sigmaY, double theta, double beta = 1) =>
        FromQuadraticForm(size, sigmaX, sigmaY, theta, q => Math.Exp(-0.5 * Math.Pow(q, beta)));

    public static BlurKernel Gaussian(int size, double sigmaX, double sigmaY, double theta) => Generalized(size, sigmaX, sigmaY, theta);

    /// <summary>The plateau kernel 1 / (1 + q^beta).</summary>
    public static BlurKernel Plateau(int size, double sigmaX, double sigmaY, double theta, double beta) =>
        FromQuadraticForm(size, sigmaX, sigmaY, theta, q => 1 / (1 + Math.Pow(q, beta)));

    /// <summary>The circular low-pass filter with angular cutoff <paramref name="cutoff"/> (radians per pixel, at most pi).</summary>
    public static BlurKernel Sinc(int size, double cutoff)
    {
        RequireOddSize(size);
        if (!(cutoff > 0 && cutoff <= Math.PI)) throw new ArgumentOutOfRangeException(nameof(cutoff), $"Cutoff {cutoff} must lie in (0, pi].");
        int c = size / 2;
        var weights = new double[size * size];
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                double r = Math.Sqrt((x - c) * (x - c) + (y - c) * (y - c));
                // The limit at r = 0: cutoff * (cutoff / 2) / (2 pi).
                weights[y * size + x] = r == 0 ? cutoff * cutoff / (4 * Math.PI) : cutoff * BesselJ1(cutoff * r) / (2 * Math.PI * r);
            }
        return Normalize(size, weights);
    }

    /// <summary>Draws a kernel as Real-ESRGAN does: a random odd size, a sinc with <see cref="DegradationStage.SincProbability"/>, else a shape and its parameters.</summary>
    public static BlurKernel Random(DegradationStage stage, int[] sizeRange, TrainingRandom random)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(random);
        int size = RandomOddSize(sizeRange, random);
        if (random.NextDouble() < stage.SincProbability)
            return Sinc(size, Uniform(random, size < 13 ? Math.PI / 3 : Math.PI / 5, Math.PI));
        var shape = (KernelShape)Pick(stage.KernelProbabilities, random);
        return Random(shape, size, stage, random);
    }

    /// <summary>A kernel of a given shape with random sigmas, rotation and beta from the stage's ranges.</summary>
    public static BlurKernel Random(KernelShape shape, int size, DegradationStage stage, TrainingRandom random)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(random);
        bool isotropic = shape is KernelShape.Isotropic or KernelShape.GeneralizedIsotropic or KernelShape.PlateauIsotropic;
        double sigmaX = Uniform(random, stage.BlurSigma);
        double sigmaY = isotropic ? sigmaX : Uniform(random, stage.BlurSigma);
        double theta = isotropic ? 0 : Uniform(random, -Math.PI, Math.PI);
        switch (shape)
        {
            case KernelShape.Isotropic:
            case KernelShape.Anisotropic:
                return Gaussian(size, sigmaX, sigmaY, theta);
            case KernelShape.GeneralizedIsotropic:
            case KernelShape.GeneralizedAnisotropic:
                return Generalized(size, sigmaX, sigmaY, theta, Beta(stage.BetaGeneralized, random));
            default:
                return Plateau(size, sigmaX, sigmaY, theta, Beta(stage.BetaPlateau, random));
        }
    }

    /// <summary>The final sinc filter of Real-ESRGAN: a random odd size and a cutoff in [pi/3, pi].</summary>
    public static BlurKernel RandomFinalSinc(int[] sizeRange, TrainingRandom random) =>
        Sinc(RandomOddSize(sizeRange, random), Uniform(random, Math.PI / 3, Math.PI));

    /// <summary>J1, the Bessel function of the first kind of order 1: (1/2pi) ∫ cos(t - x sin t) dt over a period, by the trapezoid rule (exact to rounding for |x| &lt; 60).</summary>
    public static double BesselJ1(double x)
    {
        const int n = 128;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double t = 2 * Math.PI * i / n;
            sum += Math.Cos(t - x * Math.Sin(t));
        }
        return sum / n;
    }

    internal static int Pick(double[] probabilities, TrainingRandom random)
    {
        double u = random.NextDouble(), cumulative = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            cumulative += probabilities[i];
            if (u < cumulative) return i;
        }
        for (int i = probabilities.Length - 1; i >= 0; i--)
            if (probabilities[i] > 0) return i; // rounding left u above the total
        return probabilities.Length - 1;
    }

    internal static double Uniform(TrainingRandom random, double low, double high) => low + (high - low) * random.NextDouble();

    internal static double Uniform(TrainingRandom random, double[] range) => Uniform(random, range[0], range[1]);

    // Real-ESRGAN draws beta below or above 1 with equal chance, so both tails are used as often.
    private static double Beta(double[] range, TrainingRandom random) =>
        random.NextDouble() < 0.5 ? Uniform(random, range[0], Math.Max(range[0], Math.Min(1, range[1])))
                                  : Uniform(random, Math.Min(range[1], Math.Max(1, range[0])), range[1]);

    private static int RandomOddSize(int[] sizeRange, TrainingRandom random)
    {
        int low = sizeRange[0] / 2, high = sizeRange[1] / 2;
        return 2 * (low + random.NextInt(high - low + 1)) + 1;
    }

    private static BlurKernel FromQuadraticForm(int size, double sigmaX, double sigmaY, double theta, Func<double, double> profile)
    {
        RequireOddSize(size);
        if (!(sigmaX > 0 && sigmaY > 0)) throw new ArgumentOutOfRangeException(nameof(sigmaX), $"Sigmas must be positive, got {sigmaX} and {sigmaY}.");
        // S⁻¹ = R diag(1/sx², 1/sy²) Rᵀ.
        double cos = Math.Cos(theta), sin = Math.Sin(theta);
        double ix = 1 / (sigmaX * sigmaX), iy = 1 / (sigmaY * sigmaY);
        double a = cos * cos * ix + sin * sin * iy, b = cos * sin * (ix - iy), d = sin * sin * ix + cos * cos * iy;
        int c = size / 2;
        var weights = new double[size * size];
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                double u = x - c, v = y - c;
                weights[y * size + x] = profile(a * u * u + 2 * b * u * v + d * v * v);
            }
        return Normalize(size, weights);
    }

    private static BlurKernel Normalize(int size, double[] weights)
    {
        double sum = weights.Sum();
        for (int i = 0; i < weights.Length; i++) weights[i] /= sum;
        return new BlurKernel(size, weights);
    }

    private static void RequireOddSize(int size)
    {
        if (size < 1 || size % 2 == 0) throw new ArgumentOutOfRangeException(nameof(size), $"Kernel size {size} must be odd and positive.");
    }
}
