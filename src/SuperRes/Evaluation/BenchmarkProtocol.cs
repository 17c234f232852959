using SuperRes.Imaging;
using SuperRes.Metrics;
using SuperRes.Processing;

namespace SuperRes.Evaluation;

/// <summary>
/// The evaluation protocol behind the published SISR tables (../shared/datasets/README.md):
/// hr = modcrop(image, scale); lr = imresize(hr, 1/scale) (bicubic, kept in float or rounded);
/// sr = method(lr) rounded and clipped to the image's bit depth; PSNR, SSIM and HFEN on Y of both,
/// with <c>scale</c> pixels shaved off every border. Everything runs in [0, 255] plane scale, so a
/// 16-bit image is measured with peak 65535 in effect. Alpha is ignored.
/// </summary>
public sealed class BenchmarkProtocol
{
    public BenchmarkProtocol(int scale, LrPrecision lrPrecision = LrPrecision.Float)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        Scale = scale;
        LrPrecision = lrPrecision;
    }

    public int Scale { get; }

    public LrPrecision LrPrecision { get; }

    /// <summary>modcrop: the colour planes of <paramref name="image"/> (alpha dropped), cropped to multiples of the scale.</summary>
    public Plane[] GroundTruth(Image image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Width < Scale || image.Height < Scale)
            throw new ArgumentException($"The image ({image.Width}x{image.Height}) is smaller than the scale {Scale}.");
        return ImagePlanes.Split(image).Take(image.ColorChannels).Select(p => p.ModCrop(Scale)).ToArray();
    }

    /// <summary>The LR input made from ground-truth planes: bicubic by 1/scale, then rounded if <see cref="LrPrecision"/> says so.</summary>
    public Plane[] LowResolution(IReadOnlyList<Plane> groundTruth, int bitDepth = 8)
    {
        ArgumentNullException.ThrowIfNull(groundTruth);
        var lr = Imresize.Resize(groundTruth, 1.0 / Scale, KnownResizeKernels.Bicubic);
        return LrPrecision == LrPrecision.Uint8 ? lr.Select(p => ImagePlanes.Quantize(p, bitDepth)).ToArray() : lr;
    }

    /// <summary>Runs the whole protocol on one ground-truth image.</summary>
    public ImageEvaluation Evaluate(Image image, ISuperResolver resolver, string name)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        var hr = GroundTruth(image);
        var lr = LowResolution(hr, image.BitDepth);
        var sr = ColorUpscaler.Upscale(resolver, lr, Scale).Select(p => ImagePlanes.Quantize(p, image.BitDepth)).ToArray();
        var score = Measure(sr, hr, name);
        return new ImageEvaluation(score, ImagePlanes.Merge(sr, image.BitDepth));
    }

    /// <summary>The metrics of rounded SR colour planes against the ground truth: Y, shave, PSNR/SSIM/HFEN.</summary>
    public ImageScore Measure(IReadOnlyList<Plane> superResolved, IReadOnlyList<Plane> groundTruth, string name)
    {
        if (superResolved.Count != groundTruth.Count)
            throw new ArgumentException($"{superResolved.Count} SR planes for {groundTruth.Count} ground-truth planes.");
        var srY = ColorConversion.Luma(superResolved).Shave(Scale);
        var hrY = ColorConversion.Luma(groundTruth).Shave(Scale);
        return new ImageScore(name, PsnrMetric.Compute(srY, hrY), SsimMetric.Compute(srY, hrY), HfenMetric.Compute(srY, hrY));
    }
}
