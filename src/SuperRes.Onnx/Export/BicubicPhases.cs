using SuperRes.Processing;

namespace SuperRes.Onnx.Export;

/// <summary>
/// MATLAB's bicubic upscaling by an integer factor as a filter bank: output pixel
/// <c>i * scale + p</c> is a weighted sum of input pixels <c>i - 2 .. i + 2</c> whose weights
/// depend on the phase <c>p</c> only (away from the borders, which symmetric padding handles).
/// The weights are read off the same <see cref="ResizeWeights"/> table the engine resizes with.
/// </summary>
internal static class BicubicPhases
{
    private const int Taps = 5, Reach = 2, Probe = 8;

    /// <summary>Grouped-conv weights [channels * scale * scale, 1, 5, 5]: channel c, phase (py, px) at c*s*s + py*s + px.</summary>
    public static float[] Filters(int channels, int scale)
    {
        var oneD = OneDimensional(scale);
        var filters = new float[channels * scale * scale * Taps * Taps];
        int index = 0;
        for (int c = 0; c < channels; c++)
            for (int py = 0; py < scale; py++)
                for (int px = 0; px < scale; px++)
                    for (int ky = 0; ky < Taps; ky++)
                        for (int kx = 0; kx < Taps; kx++)
                            filters[index++] = (float)(oneD[py, ky] * oneD[px, kx]);
        return filters;
    }

    /// <summary>[phase, tap] weights of one dimension; tap k reads input offset k - 2.</summary>
    public static double[,] OneDimensional(int scale)
    {
        int length = 2 * Probe;
        var table = ResizeWeights.Create(length, length * scale, scale, KnownResizeKernels.Bicubic, antialias: true);
        var weights = new double[scale, Taps];
        for (int p = 0; p < scale; p++)
        {
            int output = Probe * scale + p;
            for (int t = 0; t < table.Taps; t++)
            {
                double w = table.Weights[output * table.Taps + t];
                int offset = table.Indices[output * table.Taps + t] - Probe;
                if (w == 0) continue;
                if (Math.Abs(offset) > Reach) throw new InvalidOperationException($"Bicubic x{scale} reaches {offset} pixels; expected at most {Reach}.");
                weights[p, offset + Reach] += w;
            }
        }
        return weights;
    }
}
