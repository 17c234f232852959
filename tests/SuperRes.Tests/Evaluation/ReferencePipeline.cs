using SuperRes.Imaging;

namespace SuperRes.Tests.Evaluation;

/// <summary>
/// An independent double-precision reference of the evaluation pipeline, written from MATLAB's
/// documented behaviour rather than from the library's code: <c>imresize</c> bicubic (a = −0.5,
/// antialiasing when shrinking, symmetric edges), uint8/uint16 rounding, <c>rgb2ycbcr</c>'s Y,
/// the border shave, PSNR, the SSIM of Wang et al.'s <c>ssim_index.m</c> (11x11 Gaussian,
/// σ 1.5, K = 0.01/0.03, 'valid') and HFEN (‖LoG(a − b)‖ / ‖LoG(b)‖ with <c>fspecial('log', 15, 1.5)</c>,
/// 'valid'). Planes are [y, x] arrays in [0, 255] scale.
/// </summary>
internal static class ReferencePipeline
{
    public static double[][,] Planes(Image image, int channels)
    {
        var scale = 255.0 / image.MaxValue;
        return Enumerable.Range(0, channels).Select(c =>
        {
            var p = new double[image.Height, image.Width];
            for (int y = 0; y < image.Height; y++)
                for (int x = 0; x < image.Width; x++) p[y, x] = image[x, y, c] * scale;
            return p;
        }).ToArray();
    }

    public static double[,] ModCrop(double[,] p, int scale) => Crop(p, 0, 0, p.GetLength(1) / scale * scale, p.GetLength(0) / scale * scale);

    public static double[,] Crop(double[,] p, int x0, int y0, int width, int height)
    {
        var c = new double[height, width];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++) c[y, x] = p[y0 + y, x0 + x];
        return c;
    }

    public static double[,] Shave(double[,] p, int border) => Crop(p, border, border, p.GetLength(1) - 2 * border, p.GetLength(0) - 2 * border);

    /// <summary>imresize(p, scale, 'bicubic'), rows then columns.</summary>
    public static double[,] Resize(double[,] p, double scale)
    {
        int h = p.GetLength(0), w = p.GetLength(1);
        int oh = (int)Math.Ceiling(h * scale), ow = (int)Math.Ceiling(w * scale);
        var rows = Contributions(h, oh, scale);
        var cols = Contributions(w, ow, scale);
        var mid = new double[oh, w];
        for (int i = 0; i < oh; i++)
            for (int x = 0; x < w; x++)
                foreach (var (j, weight) in rows[i]) mid[i, x] += weight * p[j, x];
        var result = new double[oh, ow];
        for (int y = 0; y < oh; y++)
            for (int i = 0; i < ow; i++)
                foreach (var (j, weight) in cols[i]) result[y, i] += weight * mid[y, j];
        return result;
    }

    /// <summary>Rounds to the grid of a bitDepth-bit image (half away from zero, as MATLAB) and clips.</summary>
    public static double[,] Quantize(double[,] p, int bitDepth)
    {
        double max = (1 << bitDepth) - 1, k = max / 255;
        var q = (double[,])p.Clone();
        for (int y = 0; y < q.GetLength(0); y++)
            for (int x = 0; x < q.GetLength(1); x++) q[y, x] = Math.Clamp(Math.Round(q[y, x] * k, MidpointRounding.AwayFromZero), 0, max) / k;
        return q;
    }

    public static double[,] Luma(double[][,] planes)
    {
        if (planes.Length == 1) return planes[0];
        var (r, g, b) = (planes[0], planes[1], planes[2]);
        var y = new double[r.GetLength(0), r.GetLength(1)];
        for (int i = 0; i < y.GetLength(0); i++)
            for (int j = 0; j < y.GetLength(1); j++) y[i, j] = 16 + (65.481 * r[i, j] + 128.553 * g[i, j] + 24.966 * b[i, j]) / 255;
        return y;
    }

    public static double Psnr(double[,] a, double[,] b)
    {
        double sum = 0;
        foreach (var (u, v) in Pairs(a, b)) sum += (u - v) * (u - v);
        return 10 * Math.Log10(255.0 * 255.0 / (sum / a.Length));
    }

    public static double Ssim(double[,] a, double[,] b)
    {
        const int n = 11;
        double c1 = Math.Pow(0.01 * 255, 2), c2 = Math.Pow(0.03 * 255, 2);
        var window = new double[n, n];
        double total = 0;
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++) total += window[y, x] = Math.Exp(-((y - 5) * (y - 5) + (x - 5) * (x - 5)) / (2 * 1.5 * 1.5));
        int h = a.GetLength(0), w = a.GetLength(1);
        double sum = 0;
        for (int y = 0; y + n <= h; y++)
            for (int x = 0; x + n <= w; x++)
            {
                double m1 = 0, m2 = 0, s11 = 0, s22 = 0, s12 = 0;
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < n; j++)
                    {
                        double g = window[i, j] / total, u = a[y + i, x + j], v = b[y + i, x + j];
                        m1 += g * u; m2 += g * v; s11 += g * u * u; s22 += g * v * v; s12 += g * u * v;
                    }
                double v1 = s11 - m1 * m1, v2 = s22 - m2 * m2, v12 = s12 - m1 * m2;
                sum += (2 * m1 * m2 + c1) * (2 * v12 + c2) / ((m1 * m1 + m2 * m2 + c1) * (v1 + v2 + c2));
            }
        return sum / ((h - n + 1) * (w - n + 1));
    }

    public static double Hfen(double[,] a, double[,] b)
    {
        const int n = 15;
        const double sigma = 1.5;
        var g = new double[n, n];
        var log = new double[n, n];
        double sum = 0, sumLog = 0;
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++) sum += g[y, x] = Math.Exp(-((y - 7) * (y - 7) + (x - 7) * (x - 7)) / (2 * sigma * sigma));
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++)
                sumLog += log[y, x] = g[y, x] / sum * ((y - 7) * (y - 7) + (x - 7) * (x - 7) - 2 * sigma * sigma) / Math.Pow(sigma, 4);
        int h = a.GetLength(0), w = a.GetLength(1);
        double num = 0, den = 0;
        for (int y = 0; y + n <= h; y++)
            for (int x = 0; x + n <= w; x++)
            {
                double fd = 0, fb = 0;
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < n; j++)
                    {
                        double k = log[i, j] - sumLog / (n * n); // zero-sum, as fspecial makes it
                        fd += k * (a[y + i, x + j] - b[y + i, x + j]);
                        fb += k * b[y + i, x + j];
                    }
                num += fd * fd;
                den += fb * fb;
            }
        return Math.Sqrt(num / den);
    }

    /// <summary>The largest difference between a plane of the library and the reference, in [0, 255] scale.</summary>
    public static double MaxDifference(SuperRes.Processing.Plane actual, double[,] expected)
    {
        Assert.Equal((expected.GetLength(1), expected.GetLength(0)), (actual.Width, actual.Height));
        double most = 0;
        for (int y = 0; y < actual.Height; y++)
            for (int x = 0; x < actual.Width; x++) most = Math.Max(most, Math.Abs(actual.Data[y * actual.Width + x] - expected[y, x]));
        return most;
    }

    private static IEnumerable<(double, double)> Pairs(double[,] a, double[,] b)
    {
        Assert.Equal((a.GetLength(0), a.GetLength(1)), (b.GetLength(0), b.GetLength(1)));
        for (int y = 0; y < a.GetLength(0); y++)
            for (int x = 0; x < a.GetLength(1); x++) yield return (a[y, x], b[y, x]);
    }

    private static double Cubic(double x)
    {
        x = Math.Abs(x);
        return x <= 1 ? 1.5 * x * x * x - 2.5 * x * x + 1 : x < 2 ? -0.5 * x * x * x + 2.5 * x * x - 4 * x + 2 : 0;
    }

    /// <summary>MATLAB's contributions(): for each output index, the input indices (0-based, mirrored at the edges) and normalised weights.</summary>
    private static List<(int Index, double Weight)>[] Contributions(int inLength, int outLength, double scale)
    {
        bool shrink = scale < 1;
        double width = shrink ? 4 / scale : 4;
        var result = new List<(int, double)>[outLength];
        for (int i = 1; i <= outLength; i++)
        {
            double u = i / scale + 0.5 * (1 - 1 / scale);
            int left = (int)Math.Floor(u - width / 2), taps = (int)Math.Ceiling(width) + 2;
            var list = new List<(int, double)>();
            double sum = 0;
            for (int t = 0; t < taps; t++)
            {
                int j = left + t;
                double weight = shrink ? scale * Cubic(scale * (u - j)) : Cubic(u - j);
                sum += weight;
                int m = ((j - 1) % (2 * inLength) + 2 * inLength) % (2 * inLength); // aux = [1..n, n..1]
                list.Add((m < inLength ? m : 2 * inLength - 1 - m, weight));
            }
            result[i - 1] = list.Select(c => (c.Item1, c.Item2 / sum)).ToList();
        }
        return result;
    }
}
