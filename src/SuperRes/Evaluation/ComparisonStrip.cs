using SuperRes.Imaging;
using SuperRes.Processing;

namespace SuperRes.Evaluation;

/// <summary>
/// The picture that compares methods: the same region of one benchmark image, upscaled from its
/// protocol LR by each method, then the ground truth, side by side (enlarged by pixel replication so
/// the differences show), with the PSNR/SSIM of each crop on Y.
/// </summary>
public static class ComparisonStrip
{
    /// <summary>White space between panels, in output pixels.</summary>
    public const int Gap = 6;

    /// <summary>One method's crop and its scores on that crop (Y, no shave: the crop is inside the image).</summary>
    public sealed record Panel(string Name, Image Crop, double Psnr, double Ssim);

    /// <summary>
    /// Crops (x, y, width, height) of the ground truth, in HR pixels of the modcropped image, for each
    /// resolver and then the ground truth itself (named "ground truth").
    /// </summary>
    public static IReadOnlyList<Panel> Panels(Image image, int scale, IReadOnlyList<ISuperResolver> resolvers, (int X, int Y, int Width, int Height) region)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(resolvers);
        var protocol = new BenchmarkProtocol(scale);
        var hr = protocol.GroundTruth(image);
        int w = hr[0].Width, h = hr[0].Height;
        if (region.Width < 11 || region.Height < 11 || region.X < 0 || region.Y < 0 || region.X + region.Width > w || region.Y + region.Height > h)
            throw new ArgumentException($"The region {region.Width}x{region.Height} at ({region.X}, {region.Y}) must be at least 11x11 and lie inside the {w}x{h} image.");
        var lr = protocol.LowResolution(hr, image.BitDepth);
        var truth = Crop(hr, region);
        var truthY = ColorConversion.Luma(truth);
        var panels = new List<Panel>();
        foreach (var resolver in resolvers)
        {
            var sr = ColorUpscaler.Upscale(resolver, lr, scale).Select(p => ImagePlanes.Quantize(p, image.BitDepth)).ToArray();
            var crop = Crop(sr, region);
            var y = ColorConversion.Luma(crop);
            panels.Add(new Panel(resolver.Name, ImagePlanes.Merge(crop, image.BitDepth),
                Metrics.PsnrMetric.Compute(y, truthY), Metrics.SsimMetric.Compute(y, truthY)));
        }
        panels.Add(new Panel("ground truth", ImagePlanes.Merge(truth, image.BitDepth), double.PositiveInfinity, 1));
        return panels;
    }

    /// <summary>The panels in a row, each enlarged <paramref name="zoom"/> times, separated by white gaps.</summary>
    public static Image Compose(IReadOnlyList<Panel> panels, int zoom)
    {
        ArgumentNullException.ThrowIfNull(panels);
        if (panels.Count == 0) throw new ArgumentException("No panels to compose.", nameof(panels));
        ArgumentOutOfRangeException.ThrowIfLessThan(zoom, 1);
        var first = panels[0].Crop;
        int cw = first.Width * zoom, ch = first.Height * zoom, channels = first.Channels;
        var strip = new Image(panels.Count * cw + (panels.Count - 1) * Gap, ch, channels, first.BitDepth);
        if (strip.BitDepth == 8) strip.Samples8.Fill(byte.MaxValue);
        else strip.Samples16.Fill(ushort.MaxValue);
        for (int i = 0; i < panels.Count; i++)
        {
            var crop = panels[i].Crop;
            if (crop.Width * zoom != cw || crop.Height * zoom != ch || crop.Channels != channels || crop.BitDepth != first.BitDepth)
                throw new ArgumentException("Panels differ in size, channels or bit depth.", nameof(panels));
            int left = i * (cw + Gap);
            for (int y = 0; y < ch; y++)
                for (int x = 0; x < cw; x++)
                    for (int c = 0; c < channels; c++)
                        strip[left + x, y, c] = crop[x / zoom, y / zoom, c];
        }
        return strip;
    }

    private static Plane[] Crop(IReadOnlyList<Plane> planes, (int X, int Y, int Width, int Height) region) =>
        planes.Select(p => p.Crop(region.X, region.Y, region.Width, region.Height)).ToArray();
}
