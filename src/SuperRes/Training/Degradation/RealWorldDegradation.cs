using SuperRes.Processing;
using SuperRes.Training.Data;

namespace SuperRes.Training.Degradation;

/// <summary>
/// The second-order degradation of Real-ESRGAN (Wang et al., ICCVW 2021, fig. 2) that turns an HR
/// patch into a realistic LR one. Twice: blur (Gaussian, generalised Gaussian, plateau or sinc
/// kernel), a random resize (up, down or keep; area, bilinear or bicubic), Gaussian or Poisson
/// noise (colour or grey), JPEG at a random quality (our encoder and decoder); the first order at
/// HR size, the second resizing relative to the LR size. Then, in random order, the final resize
/// to exactly HR / scale with a sinc filter (ringing) and the second JPEG. The result is rounded
/// to 8 bits. Every choice comes from the <see cref="TrainingRandom"/> given, so the output is a
/// function of the patch and the stream. Not done here: Real-ESRGAN's sharpening of the HR target
/// and its batch-level shuffling queue.
/// </summary>
public sealed class RealWorldDegradation
{
    private static readonly ResizeMode[] Modes = [ResizeMode.Area, ResizeMode.Bilinear, ResizeMode.Bicubic];

    public RealWorldDegradation(DegradationConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
    }

    public DegradationConfig Config { get; }

    /// <summary>The LR planes (each <c>width / scale</c> x <c>height / scale</c>) of <paramref name="hr"/>.</summary>
    public Plane[] Apply(IReadOnlyList<Plane> hr, int scale, TrainingRandom random, DegradationTrace? trace = null)
    {
        ArgumentNullException.ThrowIfNull(hr);
        ArgumentNullException.ThrowIfNull(random);
        int width = hr[0].Width, height = hr[0].Height;
        if (width % scale != 0 || height % scale != 0)
            throw new ArgumentException($"A {width}x{height} patch is not a multiple of the scale {scale}.", nameof(hr));
        int lrWidth = width / scale, lrHeight = height / scale;
        var x = hr.ToArray();

        // First order, at HR size.
        x = Blur(x, Config.First, random, trace);
        x = RandomResize(x, Config.First, width, height, random, trace);
        x = Noise(x, Config.First, random, trace);
        x = Jpeg(x, Config.First, random, trace);

        // Second order, its resize relative to the LR size.
        x = Blur(x, Config.Second, random, trace);
        x = RandomResize(x, Config.Second, lrWidth, lrHeight, random, trace);
        x = Noise(x, Config.Second, random, trace);

        // The final resize with the sinc filter and the last JPEG, in either order.
        var sinc = random.NextDouble() < Config.FinalSincProbability ? BlurKernels.RandomFinalSinc(Config.KernelSize, random) : BlurKernel.Identity;
        if (random.NextDouble() < 0.5)
        {
            x = FinalResize(x, lrWidth, lrHeight, sinc, random, trace);
            x = Jpeg(x, Config.Second, random, trace);
        }
        else
        {
            x = Jpeg(x, Config.Second, random, trace);
            x = FinalResize(x, lrWidth, lrHeight, sinc, random, trace);
        }
        return x.Select(p => ImagePlanes.Quantize(p)).ToArray();
    }

    private Plane[] Blur(Plane[] x, DegradationStage stage, TrainingRandom random, DegradationTrace? trace)
    {
        if (random.NextDouble() >= stage.BlurProbability) return x;
        var kernel = BlurKernels.Random(stage, Config.KernelSize, random);
        trace?.Steps.Add($"blur {kernel.Size}");
        return x.Select(p => PlaneFilter.Convolve(p, kernel)).ToArray();
    }

    private static Plane[] RandomResize(Plane[] x, DegradationStage stage, int baseWidth, int baseHeight, TrainingRandom random, DegradationTrace? trace)
    {
        double factor = BlurKernels.Pick(stage.ResizeProbabilities, random) switch
        {
            0 => BlurKernels.Uniform(random, 1, stage.ResizeRange[1]),
            1 => BlurKernels.Uniform(random, stage.ResizeRange[0], 1),
            _ => 1,
        };
        var mode = Modes[random.NextInt(Modes.Length)];
        int w = Math.Max(1, (int)(baseWidth * factor)), h = Math.Max(1, (int)(baseHeight * factor));
        return Resize(x, w, h, mode, trace);
    }

    private static Plane[] FinalResize(Plane[] x, int width, int height, BlurKernel sinc, TrainingRandom random, DegradationTrace? trace)
    {
        x = Resize(x, width, height, Modes[random.NextInt(Modes.Length)], trace);
        if (sinc.Size == 1) return x;
        trace?.Steps.Add($"sinc {sinc.Size}");
        return x.Select(p => Clip(PlaneFilter.Convolve(p, sinc))).ToArray();
    }

    private static Plane[] Resize(Plane[] x, int width, int height, ResizeMode mode, DegradationTrace? trace)
    {
        trace?.Steps.Add($"resize {mode.ToString().ToLowerInvariant()} {width}x{height}");
        trace?.Sizes.Add((width, height));
        return x.Select(p => Resampler.Resize(p, width, height, mode)).ToArray();
    }

    private static Plane[] Noise(Plane[] x, DegradationStage stage, TrainingRandom random, DegradationTrace? trace)
    {
        bool gaussian = random.NextDouble() < stage.GaussianNoiseProbability;
        bool gray = random.NextDouble() < stage.GrayNoiseProbability;
        if (gaussian)
        {
            double sigma = BlurKernels.Uniform(random, stage.NoiseRange);
            trace?.Steps.Add($"gaussian {(gray ? "grey" : "colour")} {sigma:F2}");
            return NoiseModel.AddGaussian(x, sigma, gray, random);
        }
        double scale = BlurKernels.Uniform(random, stage.PoissonScaleRange);
        trace?.Steps.Add($"poisson {(gray ? "grey" : "colour")} {scale:F2}");
        return NoiseModel.AddPoisson(x, scale, gray, random);
    }

    private static Plane[] Jpeg(Plane[] x, DegradationStage stage, TrainingRandom random, DegradationTrace? trace)
    {
        int quality = (int)Math.Round(BlurKernels.Uniform(random, stage.JpegRange));
        trace?.Steps.Add($"jpeg {quality}");
        trace?.JpegQualities.Add(quality);
        return JpegRoundTrip.Apply(x, quality);
    }

    private static Plane Clip(Plane p)
    {
        for (int i = 0; i < p.Data.Length; i++) p.Data[i] = Math.Clamp(p.Data[i], 0f, 255f);
        return p;
    }
}
