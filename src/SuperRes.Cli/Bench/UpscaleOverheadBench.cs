using System.Diagnostics;
using SuperRes.Imaging;
using SuperRes.Inference;
using SuperRes.Processing;

namespace SuperRes.Cli.Bench;

/// <summary>
/// <c>superres bench upscale</c>: <c>superres upscale</c>'s own path (read the PNG, tile, colour,
/// network, write the PNG) on a 1024x768 RGB photo with the built-in model at x4, against the time
/// the same network forward passes take alone: the same tiles through an upscaler whose bands go
/// nowhere, so that nothing (no PNG deflate in the background) runs beside them. The ratio is the
/// price of everything around the network. The passes are also timed inside the upscale, where
/// background work slows them and so hides part of that price. Upscales and bare runs alternate, and
/// the ratio is the median over those pairs of each upscale against the bare run beside it: on a
/// machine whose speed drifts, the fastest upscale and the fastest bare run can come from different
/// stretches. Every other pair runs the bare passes first, so that a drift in one direction does not
/// favour either side. The photo is the first BSD100 image in ../shared/datasets
/// resized to 1024x768 (content changes how long PNG compression takes, so a photo, not noise).
/// </summary>
public static class UpscaleOverheadBench
{
    /// <param name="Label">What was upscaled.</param>
    /// <param name="EndToEndSeconds">The fastest whole upscale.</param>
    /// <param name="NetworkSeconds">The fastest run of the network passes alone.</param>
    /// <param name="InRunNetworkSeconds">The network passes inside the fastest upscale.</param>
    /// <param name="Ratio">The median of each upscale's time over the bare run's beside it.</param>
    public sealed record Result(string Label, double EndToEndSeconds, double NetworkSeconds, double InRunNetworkSeconds, double Ratio);

    /// <summary>Upscale and bare-run pairs in a full run (a quick run takes its sizes' repeats); 5 left a spread of ±5% on a 2-core machine.</summary>
    private const int FullPairs = 9;

    public static Result? Run(BenchSizes sizes, TextWriter error)
    {
        var choice = ModelCatalog.Resolve(null);
        if (choice.Network is null)
        {
            error.WriteLine("superres: note: no built-in model in this build; upscale overhead not measured");
            return null;
        }
        var (width, height) = sizes.Repeats > 1 ? (1024, 768) : (64, 48);
        string folder = Path.Combine(Path.GetTempPath(), "superres-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string input = Path.Combine(folder, "photo.png"), output = Path.Combine(folder, "photo_x4.png");
            ImageCodecs.Write(Photo(width, height, error), input);
            var settings = new UpscaleSettings { Choice = choice, Scale = 4 };
            var job = new ImageUpscaleJob(settings, new TileProgressLine(TextWriter.Null));
            var bare = new Upscaler(choice.Network, 4, new UpscalerOptions { TileSize = settings.TileSize });
            var image = ImageCodecs.Read(input);
            job.Run(input, output, ImageFileFormat.Png); // warm-up: JIT, probe, pools
            bare.Upscale(image, _ => { });
            double best = double.MaxValue, inRun = 0, alone = double.MaxValue;
            var ratios = new List<double>();
            int pairs = sizes.Repeats > 1 ? FullPairs : sizes.Repeats;
            double BarePasses()
            {
                var before = bare.NetworkTime;
                bare.Upscale(image, _ => { });
                return (bare.NetworkTime - before).TotalSeconds;
            }
            for (int i = 0; i < pairs; i++)
            {
                double passes = 0;
                if (i % 2 == 1) passes = BarePasses();
                var before = job.NetworkTime;
                long start = Stopwatch.GetTimestamp();
                job.Run(input, output, ImageFileFormat.Png);
                double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
                if (seconds < best) (best, inRun) = (seconds, (job.NetworkTime - before).TotalSeconds);
                if (i % 2 == 0) passes = BarePasses();
                alone = Math.Min(alone, passes);
                ratios.Add(seconds / passes);
            }
            ratios.Sort();
            double median = ratios.Count % 2 == 1 ? ratios[ratios.Count / 2] : (ratios[ratios.Count / 2 - 1] + ratios[ratios.Count / 2]) / 2;
            return new Result($"upscale {width}x{height} RGB x4, built-in model, PNG to PNG", best, alone, inRun, median);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Image Photo(int width, int height, TextWriter error)
    {
        var folder = Path.Combine("..", "shared", "datasets", "BSD100");
        var file = Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.png").Order().FirstOrDefault() : null;
        if (file is null)
        {
            error.WriteLine($"superres: note: {folder} not found (run from the repository root); timing a synthetic image instead of a photo");
            return Synthetic(width, height);
        }
        var planes = ImagePlanes.Split(ImageCodecs.Read(file));
        return ImagePlanes.Merge(planes.Select(p => Imresize.ResizeTo(p, width, height)).ToArray(), 8);
    }

    /// <summary>Smooth colour gradients with fine texture: compresses about as a photo does.</summary>
    private static Image Synthetic(int width, int height)
    {
        var image = new Image(width, height, 3, 8);
        var rng = new Random(1);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                for (int c = 0; c < 3; c++)
                    image[x, y, c] = (ushort)Math.Clamp(128 + 80 * Math.Sin((x + 2 * c * y) * 0.013) * Math.Cos(y * 0.011) + rng.Next(-6, 7), 0, 255);
        return image;
    }
}
