using SuperRes.Processing;

namespace SuperRes.Training.Degradation;

/// <summary>2-D convolution of a plane by a <see cref="BlurKernel"/>, the border mirrored without repeating the edge pixel (PyTorch's 'reflect').</summary>
public static class PlaneFilter
{
    public static Plane Convolve(Plane plane, BlurKernel kernel)
    {
        ArgumentNullException.ThrowIfNull(plane);
        ArgumentNullException.ThrowIfNull(kernel);
        if (kernel.Size == 1) return plane.Clone();
        int w = plane.Width, h = plane.Height, size = kernel.Size, r = size / 2;
        // Pad once, then every output pixel is a plain dot product.
        int pw = w + 2 * r, ph = h + 2 * r;
        var padded = new float[pw * ph];
        for (int y = 0; y < ph; y++)
        {
            int sy = Reflect(y - r, h);
            for (int x = 0; x < pw; x++) padded[y * pw + x] = plane.Data[sy * w + Reflect(x - r, w)];
        }
        var weights = kernel.Weights.Select(v => (float)v).ToArray();
        var result = new Plane(w, h);
        var row = new float[w];
        for (int y = 0; y < h; y++)
        {
            Array.Clear(row);
            for (int ky = 0; ky < size; ky++)
                for (int kx = 0; kx < size; kx++)
                {
                    float weight = weights[ky * size + kx];
                    if (weight == 0) continue;
                    var source = padded.AsSpan((y + ky) * pw + kx, w);
                    for (int x = 0; x < w; x++) row[x] += weight * source[x];
                }
            row.CopyTo(result.Data, y * w);
        }
        return result;
    }

    /// <summary>Mirrors an index into [0, n): -1 is 1, n is n - 2 (repeatedly, for pads wider than the plane).</summary>
    internal static int Reflect(int i, int n)
    {
        if (n == 1) return 0;
        int period = 2 * (n - 1);
        i = ((i % period) + period) % period;
        return i < n ? i : period - i;
    }
}
