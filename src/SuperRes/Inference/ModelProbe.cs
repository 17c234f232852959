using SuperRes.Tensors;

namespace SuperRes.Inference;

/// <summary>
/// What tiling needs to know about a network, measured by running it on small random inputs:
/// how far one input pixel reaches (the receptive-field radius, in LR pixels), which shifts the
/// network is equivariant to (strided layers make it so only for multiples of their stride), and
/// the tensor memory a forward pass takes per input pixel.
/// </summary>
internal static class ModelProbe
{
    private const int MaxRadius = 512;

    /// <summary>The input side on which the memory of one pass is measured.</summary>
    public const int MemoryProbeSize = 96;

    /// <summary>The input side of the pass before the memory is measured.</summary>
    private const int WarmUpSize = 24;

    /// <summary>
    /// How far an input pixel reaches and the shifts the network is equivariant to: what tiling with
    /// overlaps needs, and an image that runs as one tile does not.
    /// </summary>
    public static (int Radius, int Alignment) MeasureReach(TileNetwork network, int channels)
    {
        int radius = MeasureRadius(network, channels);
        return (radius, MeasureAlignment(network, channels, radius));
    }

    /// <summary>
    /// The tensor memory per input pixel of one forward pass on a <paramref name="size"/>² input,
    /// after a pass on a small input has made what every pass shares (transformed weights, the
    /// per-thread scratch): that is not per-pixel memory, and counted as such it would shrink the tiles.
    /// Both sides are multiples of <paramref name="alignment"/> (a strided network takes no other).
    /// </summary>
    public static double MeasureBytesPerPixel(TileNetwork network, int channels, int size, int alignment = 1)
    {
        int small = Math.Min(size, Math.Max(alignment, WarmUpSize / alignment * alignment));
        network.Run(RandomInput(channels, small, small, seed: small), small, small);
        var x = RandomInput(channels, size, size, seed: size);
        TensorPool.Trim();
        long before = TensorPool.PooledBytes + TensorPool.ScratchBytes;
        network.Run(x, size, size);
        return Math.Max(0, TensorPool.PooledBytes + TensorPool.ScratchBytes - before) / (double)(size * size);
    }

    /// <summary>Perturbs the centre pixel of a random input and finds how far the output changes; grows the input until the change stays inside.</summary>
    private static int MeasureRadius(TileNetwork network, int channels)
    {
        int s = network.Scale;
        for (int r = 12; r <= MaxRadius; r *= 2)
        {
            int size = 2 * r + 1;
            var x = RandomInput(channels, size, size, seed: r);
            var y0 = network.Run(x, size, size);
            for (int c = 0; c < channels; c++) x[(c * size + r) * size + r] += 0.25f;
            var y1 = network.Run(x, size, size);

            int hr = size * s, minX = hr, maxX = -1, minY = hr, maxY = -1;
            for (int c = 0; c < channels; c++)
                for (int yy = 0; yy < hr; yy++)
                    for (int xx = 0; xx < hr; xx++)
                    {
                        int i = (c * hr + yy) * hr + xx;
                        if (y0[i] == y1[i]) continue;
                        minX = Math.Min(minX, xx); maxX = Math.Max(maxX, xx);
                        minY = Math.Min(minY, yy); maxY = Math.Max(maxY, yy);
                    }
            if (maxX < 0) return 0; // the output ignores its input
            if (minX == 0 || minY == 0 || maxX == hr - 1 || maxY == hr - 1) continue; // reached the border: grow
            int first = r * s, last = r * s + s - 1;
            int reach = Math.Max(Math.Max(first - minX, maxX - last), Math.Max(first - minY, maxY - last));
            return (reach + s - 1) / s;
        }
        throw new InvalidOperationException($"The receptive field of {network.Name} exceeds {MaxRadius} pixels; give the overlap explicitly.");
    }

    /// <summary>The smallest shift (1, 2, 4, ... 32 LR pixels) under which the interior output shifts with the input.</summary>
    private static int MeasureAlignment(TileNetwork network, int channels, int radius)
    {
        int s = network.Scale;
        for (int a = 1; a <= 32; a *= 2)
        {
            int size = 2 * (radius + 1) + a + 8;
            var x = RandomInput(channels, size, size, seed: 7 + a);
            var y = network.Run(x, size, size);
            int small = size - a;
            var shifted = new float[channels * small * small];
            for (int c = 0; c < channels; c++)
                for (int yy = 0; yy < small; yy++)
                    Array.Copy(x, (c * size + yy + a) * size + a, shifted, (c * small + yy) * small, small);
            var ys = network.Run(shifted, small, small);

            int hr = size * s, hrSmall = small * s, lo = (radius + 1) * s, hi = hrSmall - (radius + 1) * s;
            double worst = 0, peak = 0;
            for (int c = 0; c < channels; c++)
                for (int yy = lo; yy < hi; yy++)
                    for (int xx = lo; xx < hi; xx++)
                    {
                        float a0 = y[(c * hr + yy + a * s) * hr + xx + a * s], a1 = ys[(c * hrSmall + yy) * hrSmall + xx];
                        worst = Math.Max(worst, Math.Abs(a0 - a1));
                        peak = Math.Max(peak, Math.Abs(a0));
                    }
            if (worst <= 1e-5 * (1 + peak)) return a;
        }
        throw new InvalidOperationException($"{network.Name} is not shift-equivariant for shifts up to 32 pixels; it cannot be tiled.");
    }

    private static float[] RandomInput(int channels, int height, int width, int seed)
    {
        var random = new Random(seed);
        var x = new float[channels * height * width];
        for (int i = 0; i < x.Length; i++) x[i] = (float)random.NextDouble();
        return x;
    }
}
