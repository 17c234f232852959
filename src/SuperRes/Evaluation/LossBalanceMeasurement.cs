using SuperRes.Imaging;
using SuperRes.Losses;
using SuperRes.Processing;
using SuperRes.Tensors;

namespace SuperRes.Evaluation;

/// <summary>
/// Measures the MSE and HFENN terms of a super-resolver's errors (NVIDIA's composite loss,
/// docs/TRAINING.md): each image goes through the benchmark protocol (modcrop, bicubic LR), is
/// upscaled, and the terms are computed on Y in [0, 1] exactly as <see cref="HfennLoss"/> trains
/// them (the whole plane, the difference zero-padded, no shave, no rounding).
/// </summary>
public static class LossBalanceMeasurement
{
    public static LossBalance Measure(ISuperResolver resolver, IEnumerable<Image> images, int scale, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(images);
        var protocol = new BenchmarkProtocol(scale);
        using var hfenn = new HfennLoss();
        double mse = 0, hf = 0;
        long pixels = 0;
        var count = 0;
        foreach (var image in images)
        {
            var hr = protocol.GroundTruth(image);
            var sr = ColorUpscaler.Upscale(resolver, protocol.LowResolution(hr, image.BitDepth), scale);
            var (m, h, n) = Terms(ColorConversion.Luma(sr), ColorConversion.Luma(hr), hfenn);
            mse += m * n;
            hf += h * n;
            pixels += n;
            progress?.Report(++count);
        }
        if (pixels == 0) throw new ArgumentException("no images to measure.");
        return new LossBalance(count, pixels, mse / pixels, hf / pixels);
    }

    /// <summary>MSE and HFENN of one pair of planes (0..255), and its pixel count.</summary>
    public static (double Mse, double Hfenn, long Pixels) Terms(Plane superResolved, Plane groundTruth, HfennLoss hfenn)
    {
        ArgumentNullException.ThrowIfNull(superResolved);
        ArgumentNullException.ThrowIfNull(groundTruth);
        ArgumentNullException.ThrowIfNull(hfenn);
        if (superResolved.Width != groundTruth.Width || superResolved.Height != groundTruth.Height)
            throw new ArgumentException($"SR {superResolved.Width}x{superResolved.Height} and ground truth {groundTruth.Width}x{groundTruth.Height} differ in size.");
        using var tape = new Tape();
        using var noGrad = Tape.NoGrad();
        var sr = Tensor.FromArray(superResolved.Data.Select(v => v / 255f).ToArray(), 1, 1, superResolved.Height, superResolved.Width);
        var hr = Tensor.FromArray(groundTruth.Data.Select(v => v / 255f).ToArray(), 1, 1, groundTruth.Height, groundTruth.Width);
        var d = Ops.Sub(sr, hr);
        return (Ops.Mean(Ops.Mul(d, d)).Item(), hfenn.Compute(sr, hr).Item(), superResolved.Data.Length);
    }
}
