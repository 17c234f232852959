using SuperRes.Processing;
using SuperRes.Training.Data;

namespace SuperRes.Training.Degradation;

/// <summary>
/// The noise of the Real-ESRGAN degradation on planes in [0, 255], clipped to that range after
/// it is added. Grey noise is one noise field added to every channel; colour noise is drawn per channel.
/// </summary>
public static class NoiseModel
{
    /// <summary>Adds Gaussian noise of standard deviation <paramref name="sigma"/> (levels of 255).</summary>
    public static Plane[] AddGaussian(IReadOnlyList<Plane> planes, double sigma, bool gray, TrainingRandom random)
    {
        ArgumentNullException.ThrowIfNull(planes);
        ArgumentNullException.ThrowIfNull(random);
        int area = planes[0].Data.Length;
        var result = planes.Select(p => p.Clone()).ToArray();
        float[]? shared = null;
        if (gray)
        {
            shared = new float[area];
            for (int i = 0; i < area; i++) shared[i] = (float)(sigma * random.NextGaussian());
        }
        foreach (var plane in result)
            for (int i = 0; i < area; i++)
                plane.Data[i] = Clip(plane.Data[i] + (shared?[i] ?? (float)(sigma * random.NextGaussian())));
        return result;
    }

    /// <summary>
    /// Adds Poisson (shot) noise: the image, rounded to 8 bits, is taken as photon counts at as many
    /// levels as it has distinct values (rounded up to a power of two); the difference between a
    /// Poisson draw and the image, times <paramref name="scale"/>, is added. Grey noise is drawn on
    /// the image's luma (BT.601 weights) and added to every channel.
    /// </summary>
    public static Plane[] AddPoisson(IReadOnlyList<Plane> planes, double scale, bool gray, TrainingRandom random)
    {
        ArgumentNullException.ThrowIfNull(planes);
        ArgumentNullException.ThrowIfNull(random);
        int area = planes[0].Data.Length;
        var result = planes.Select(p => p.Clone()).ToArray();
        if (gray && planes.Count == 3)
        {
            var luma = new Plane(planes[0].Width, planes[0].Height);
            for (int i = 0; i < area; i++)
                luma.Data[i] = 0.299f * planes[0].Data[i] + 0.587f * planes[1].Data[i] + 0.114f * planes[2].Data[i];
            var noise = PoissonNoise(luma, random);
            foreach (var plane in result)
                for (int i = 0; i < area; i++) plane.Data[i] = Clip(plane.Data[i] + (float)(scale * noise[i]));
            return result;
        }
        foreach (var plane in result)
        {
            var noise = PoissonNoise(plane, random);
            for (int i = 0; i < area; i++) plane.Data[i] = Clip(plane.Data[i] + (float)(scale * noise[i]));
        }
        return result;
    }

    /// <summary>Poisson(img · levels) / levels - img, in levels of 255, for the plane rounded to 8 bits.</summary>
    private static double[] PoissonNoise(Plane plane, TrainingRandom random)
    {
        var rounded = plane.Data.Select(v => Math.Clamp(Math.Round((double)v), 0, 255)).ToArray();
        int distinct = rounded.Distinct().Count();
        double levels = Math.Pow(2, Math.Ceiling(Math.Log2(Math.Max(distinct, 1))));
        var noise = new double[rounded.Length];
        for (int i = 0; i < rounded.Length; i++)
        {
            double image = rounded[i] / 255;
            noise[i] = (PoissonSampler.Next(image * levels, random) / levels - image) * 255;
        }
        return noise;
    }

    private static float Clip(float v) => v < 0 ? 0 : v > 255 ? 255 : v;
}
