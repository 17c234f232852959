using System.Diagnostics;
using SuperRes.Imaging;
using SuperRes.Processing;

namespace SuperRes.Cli.Bench;

/// <summary>
/// <c>superres bench upscale</c>: <c>superres upscale</c>'s own path (read the PNG, tile, colour,
/// network, write the PNG) on a 1024x768 RGB photo with the built-in model at x4, against the time
/// its network forward passes take inside that same run. The ratio is the price of everything
/// around the network. The photo is the first BSD100 image in ../shared/datasets resized to
/// 1024x768 (content changes how long PNG compression takes, so a photo, not noise).
/// </summary>
public static class UpscaleOverheadBench
{
    public sealed record Result(string Label, double EndToEndSeconds, double NetworkSeconds)
    {
        public double Ratio => EndToEndSeconds / NetworkSeconds;
    }

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
            job.Run(input, output, ImageFileFormat.Png); // warm-up: JIT, probe, pools
            double best = double.MaxValue, network = 0;
            for (int i = 0; i < sizes.Repeats; i++)
            {
                var before = job.NetworkTime;
                long start = Stopwatch.GetTimestamp();
                job.Run(input, output, ImageFileFormat.Png);
                double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
                if (seconds < best) (best, network) = (seconds, (job.NetworkTime - before).TotalSeconds);
            }
            return new Result($"upscale {width}x{height} RGB x4, built-in model, PNG to PNG", best, network);
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
