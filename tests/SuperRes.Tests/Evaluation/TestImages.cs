using SuperRes.Imaging;

namespace SuperRes.Tests.Evaluation;

/// <summary>Seeded smooth-ish generated images (gradients plus noise), so SR metrics are meaningful.</summary>
internal static class TestImages
{
    public static Image Smooth(int width, int height, int channels, int seed, int bitDepth = 8)
    {
        var random = new Random(seed);
        var image = new Image(width, height, channels, bitDepth);
        var max = image.MaxValue;
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                for (var c = 0; c < channels; c++)
                {
                    var v = 0.5 + 0.4 * Math.Sin((x + 2 * c) * 0.3) * Math.Cos(y * 0.2) + 0.05 * random.NextDouble();
                    image[x, y, c] = (ushort)Math.Round(Math.Clamp(v, 0, 1) * max);
                }
        return image;
    }

    /// <summary>A fresh empty folder under the temp directory.</summary>
    public static string TempFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "superres-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
