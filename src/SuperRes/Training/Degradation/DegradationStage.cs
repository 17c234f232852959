namespace SuperRes.Training.Degradation;

/// <summary>
/// The random ranges of one order of the Real-ESRGAN degradation (blur, resize, noise, JPEG).
/// Ranges are <c>[low, high]</c> arrays, drawn uniformly. The defaults are Real-ESRGAN's first
/// order (options/train_realesrnet_x4plus.yml); <see cref="SecondOrder"/> gives its second.
/// Sigmas and noise are in pixels and in levels of 255.
/// </summary>
public sealed record DegradationStage
{
    /// <summary>Chance that this order blurs at all (1 for the first order, 0.8 for the second).</summary>
    public double BlurProbability { get; init; } = 1.0;

    /// <summary>Chance of each kernel shape, in the order iso, aniso, generalizedIso, generalizedAniso, plateauIso, plateauAniso.</summary>
    public double[] KernelProbabilities { get; init; } = [0.45, 0.25, 0.12, 0.03, 0.12, 0.03];

    /// <summary>Chance that the blur is a sinc (ringing) kernel instead.</summary>
    public double SincProbability { get; init; } = 0.1;

    /// <summary>Gaussian sigma along each axis, pixels.</summary>
    public double[] BlurSigma { get; init; } = [0.2, 3.0];

    /// <summary>Shape exponent of the generalised Gaussian kernel exp(-(r²/2)^beta).</summary>
    public double[] BetaGeneralized { get; init; } = [0.5, 4.0];

    /// <summary>Shape exponent of the plateau kernel 1/(1 + r^(2 beta)).</summary>
    public double[] BetaPlateau { get; init; } = [1.0, 2.0];

    /// <summary>Chance of resizing up, down, or keeping the size.</summary>
    public double[] ResizeProbabilities { get; init; } = [0.2, 0.7, 0.1];

    /// <summary>Resize factor range: up draws from [1, high], down from [low, 1].</summary>
    public double[] ResizeRange { get; init; } = [0.15, 1.5];

    /// <summary>Chance of Gaussian noise; Poisson noise otherwise.</summary>
    public double GaussianNoiseProbability { get; init; } = 0.5;

    /// <summary>Gaussian noise standard deviation, levels of 255.</summary>
    public double[] NoiseRange { get; init; } = [1, 30];

    /// <summary>Poisson noise amplitude (1 is shot noise of the image's own levels).</summary>
    public double[] PoissonScaleRange { get; init; } = [0.05, 3];

    /// <summary>Chance that the noise is the same on every channel (grey noise).</summary>
    public double GrayNoiseProbability { get; init; } = 0.4;

    /// <summary>JPEG quality range.</summary>
    public double[] JpegRange { get; init; } = [30, 95];

    /// <summary>Real-ESRGAN's second order: milder blur, noise and resizes.</summary>
    public static DegradationStage SecondOrder { get; } = new()
    {
        BlurProbability = 0.8,
        BlurSigma = [0.2, 1.5],
        ResizeProbabilities = [0.3, 0.4, 0.3],
        ResizeRange = [0.3, 1.2],
        NoiseRange = [1, 25],
        PoissonScaleRange = [0.05, 2.5],
    };

    /// <summary>Throws an <see cref="ArgumentException"/> naming the field (prefixed by <paramref name="name"/>) that cannot work.</summary>
    public void Validate(string name)
    {
        Probability(BlurProbability, $"{name}.blurProbability");
        Probability(SincProbability, $"{name}.sincProbability");
        Probability(GaussianNoiseProbability, $"{name}.gaussianNoiseProbability");
        Probability(GrayNoiseProbability, $"{name}.grayNoiseProbability");
        Distribution(KernelProbabilities, 6, $"{name}.kernelProbabilities");
        Distribution(ResizeProbabilities, 3, $"{name}.resizeProbabilities");
        Range(BlurSigma, 0.01, 50, $"{name}.blurSigma");
        Range(BetaGeneralized, 0.05, 20, $"{name}.betaGeneralized");
        Range(BetaPlateau, 0.05, 20, $"{name}.betaPlateau");
        Range(ResizeRange, 0.01, 8, $"{name}.resizeRange");
        if (ResizeRange[0] > 1 || ResizeRange[1] < 1) throw new ArgumentException($"{name}.resizeRange [{ResizeRange[0]}, {ResizeRange[1]}] must contain 1.");
        Range(NoiseRange, 0, 255, $"{name}.noiseRange");
        Range(PoissonScaleRange, 0, 100, $"{name}.poissonScaleRange");
        Range(JpegRange, 1, 100, $"{name}.jpegRange");
    }

    private static void Probability(double p, string name)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentException($"{name} {p} must lie in [0, 1].");
    }

    private static void Distribution(double[]? p, int count, string name)
    {
        if (p is null || p.Length != count) throw new ArgumentException($"{name} must list {count} probabilities.");
        foreach (var v in p) Probability(v, name);
        if (Math.Abs(p.Sum() - 1) > 1e-6) throw new ArgumentException($"{name} must sum to 1, not {p.Sum()}.");
    }

    private static void Range(double[]? r, double min, double max, string name)
    {
        if (r is null || r.Length != 2 || !(r[0] >= min && r[0] <= r[1] && r[1] <= max))
            throw new ArgumentException($"{name} must be [low, high] with {min} <= low <= high <= {max}.");
    }
}
