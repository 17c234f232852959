using SuperRes.Evaluation;
using SuperRes.Processing;
using SuperRes.Training.Degradation;

namespace SuperRes.Training.Data;

/// <summary>
/// Cuts one training pair out of a <see cref="TrainingImageSet"/>: a random image, an optional
/// random shrink (LapSRN's 0.5-1.0), a random HR patch, a random flip and 90-degree rotation, then
/// the LR patch by MATLAB bicubic and, for LapSRN, the intermediate targets (or, with
/// <see cref="PatchOptions.Degradation"/>, by the random <see cref="RealWorldDegradation"/>). Everything random comes
/// from the <see cref="TrainingRandom"/> passed in, so a sample is a function of that stream.
/// </summary>
public sealed class PatchSampler
{
    // Output pixels kept on each side of a shrunk crop so that its edge effects (bicubic support
    // 2 output pixels) never reach the patch.
    private const int ShrinkMargin = 3;

    private readonly RealWorldDegradation? _degradation;

    public PatchSampler(TrainingImageSet images, PatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Images = images;
        Options = options;
        _degradation = options.Degradation is { } d ? new RealWorldDegradation(d) : null;
        foreach (var (planes, name) in images.Images.Zip(images.Names))
            if (planes[0].Width < options.PatchSize || planes[0].Height < options.PatchSize)
                throw new ArgumentException($"{name} ({planes[0].Width}x{planes[0].Height}) is smaller than the patch size {options.PatchSize}.", nameof(images));
    }

    public TrainingImageSet Images { get; }

    public PatchOptions Options { get; }

    public TrainingSample Sample(TrainingRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var image = Images.Images[random.NextInt(Images.Count)];
        var hr = CutPatch(image, random);
        var rotation = Options.Rotate ? random.NextInt(4) : 0;
        var flip = Options.Flip && random.NextInt(2) == 1;
        for (var c = 0; c < hr.Length; c++) hr[c] = Transform(hr[c], rotation, flip);
        return _degradation is null ? Degrade(hr) : new TrainingSample(_degradation.Apply(hr, Options.Scale, random), [hr]);
    }

    /// <summary>The LR input and the targets of an HR patch (public for tests and validation).</summary>
    public TrainingSample Degrade(Plane[] hr)
    {
        var scale = Options.Scale;
        var lr = hr.Select(p => Imresize.Resize(p, 1.0 / scale)).ToArray();
        if (Options.LrPrecision == LrPrecision.Uint8) lr = lr.Select(p => ImagePlanes.Quantize(p)).ToArray();
        var levels = Options.Levels;
        var targets = new Plane[levels][];
        for (var k = 1; k < levels; k++)
            targets[k - 1] = hr.Select(p => Imresize.Resize(p, (double)(1 << k) / scale)).ToArray();
        targets[levels - 1] = hr;
        return new TrainingSample(lr, targets);
    }

    private Plane[] CutPatch(Plane[] image, TrainingRandom random)
    {
        var size = Options.PatchSize;
        int width = image[0].Width, height = image[0].Height;
        if (Options.MinDownscale >= 1) return CropAll(image, random, size, size);

        // Resizing a crop a little larger than the patch costs the same whatever the image size.
        var shrink = Options.MinDownscale + (1 - Options.MinDownscale) * random.NextDouble();
        var needed = size + 2 * ShrinkMargin;
        var region = (int)Math.Ceiling(needed / shrink) + 1;
        if (region > Math.Min(width, height))
        {
            // The image is too small for this shrink: use the smallest shrink it allows.
            region = Math.Min(width, height);
            shrink = Math.Min(1.0, (double)(needed + 1) / region);
            if (region * shrink < needed) return CropAll(image, random, size, size);
        }
        var crop = CropAll(image, random, region, region);
        var result = new Plane[crop.Length];
        for (var c = 0; c < crop.Length; c++)
        {
            var shrunk = Imresize.Resize(crop[c], shrink);
            var offset = (Math.Min(shrunk.Width, shrunk.Height) - size) / 2;
            result[c] = shrunk.Crop(offset, offset, size, size);
        }
        return result;
    }

    private static Plane[] CropAll(Plane[] image, TrainingRandom random, int width, int height)
    {
        var x = random.NextInt(image[0].Width - width + 1);
        var y = random.NextInt(image[0].Height - height + 1);
        return image.Select(p => p.Crop(x, y, width, height)).ToArray();
    }

    /// <summary>Rotates a square plane by <paramref name="quarterTurns"/> x 90 degrees clockwise, then mirrors it left-right.</summary>
    public static Plane Transform(Plane plane, int quarterTurns, bool flip)
    {
        if (plane.Width != plane.Height) throw new ArgumentException("Only square patches are rotated.", nameof(plane));
        if (quarterTurns == 0 && !flip) return plane;
        var n = plane.Width;
        var result = new Plane(n, n);
        for (var y = 0; y < n; y++)
            for (var x = 0; x < n; x++)
            {
                // Source pixel of destination (x, y) for a clockwise rotation.
                int sx, sy;
                var dx = flip ? n - 1 - x : x;
                switch (quarterTurns & 3)
                {
                    case 0: sx = dx; sy = y; break;
                    case 1: sx = y; sy = n - 1 - dx; break;
                    case 2: sx = n - 1 - dx; sy = n - 1 - y; break;
                    default: sx = n - 1 - y; sy = dx; break;
                }
                result.Data[y * n + x] = plane.Data[sy * n + sx];
            }
        return result;
    }
}
