using SuperRes.Processing;

namespace SuperRes.Training.Degradation;

/// <summary>
/// Resizes a plane to any size by <see cref="ResizeMode"/>, separably, with PyTorch's
/// <c>F.interpolate</c> conventions: output pixel i samples input coordinate (i + 0.5) in/out - 0.5.
/// </summary>
public static class Resampler
{
    public static Plane Resize(Plane plane, int width, int height, ResizeMode mode)
    {
        ArgumentNullException.ThrowIfNull(plane);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (width == plane.Width && height == plane.Height && mode != ResizeMode.Area) return plane.Clone();
        var horizontal = Weights(plane.Width, width, mode);
        var vertical = Weights(plane.Height, height, mode);
        var rows = new Plane(width, plane.Height);
        for (int y = 0; y < plane.Height; y++)
            for (int x = 0; x < width; x++)
            {
                double sum = 0;
                foreach (var (index, weight) in horizontal[x]) sum += weight * plane.Data[y * plane.Width + index];
                rows.Data[y * width + x] = (float)sum;
            }
        var result = new Plane(width, height);
        for (int y = 0; y < height; y++)
        {
            var taps = vertical[y];
            for (int x = 0; x < width; x++)
            {
                double sum = 0;
                foreach (var (index, weight) in taps) sum += weight * rows.Data[index * width + x];
                result.Data[y * width + x] = (float)sum;
            }
        }
        return result;
    }

    /// <summary>For each output index, the input indices and weights it takes (weights sum to 1).</summary>
    internal static (int Index, double Weight)[][] Weights(int input, int output, ResizeMode mode)
    {
        double ratio = (double)input / output;
        var taps = new (int, double)[output][];
        for (int i = 0; i < output; i++)
        {
            switch (mode)
            {
                case ResizeMode.Area:
                {
                    int start = (int)Math.Floor(i * ratio), end = (int)Math.Ceiling((i + 1) * ratio);
                    end = Math.Min(Math.Max(end, start + 1), input);
                    taps[i] = Enumerable.Range(start, end - start).Select(j => (j, 1.0 / (end - start))).ToArray();
                    break;
                }
                case ResizeMode.Bilinear:
                {
                    double source = Math.Max((i + 0.5) * ratio - 0.5, 0);
                    int i0 = Math.Min((int)source, input - 1), i1 = Math.Min(i0 + 1, input - 1);
                    double t = source - i0;
                    taps[i] = i0 == i1 ? [(i0, 1.0)] : [(i0, 1 - t), (i1, t)];
                    break;
                }
                default:
                {
                    double source = (i + 0.5) * ratio - 0.5;
                    int i0 = (int)Math.Floor(source);
                    double t = source - i0;
                    var list = new (int, double)[4];
                    for (int k = -1; k <= 2; k++) list[k + 1] = (Math.Clamp(i0 + k, 0, input - 1), Cubic(k - t));
                    taps[i] = list;
                    break;
                }
            }
        }
        return taps;
    }

    private static double Cubic(double x)
    {
        const double a = -0.75;
        x = Math.Abs(x);
        if (x <= 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
        if (x < 2) return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
        return 0;
    }
}
