using System.Numerics;

namespace SuperRes.Tensors.Cpu;

/// <summary>Vectorised (leaky) ReLU forward and backward; ReLU is slope 0. Big tensors split over the cores.</summary>
internal static unsafe class Activation
{
    public static void LeakyForward(float* x, float* y, int n, float slope) =>
        Run(x, x, y, n, slope, forward: true);

    /// <summary>dst = g where x &gt; 0, else g·slope.</summary>
    public static void LeakyBackward(float* x, float* g, float* dst, int n, float slope) =>
        Run(x, g, dst, n, slope, forward: false);

    private static void Run(float* x, float* v, float* dst, int n, float slope, bool forward)
    {
        if (n < Parallel2.Threshold) Chunk(x, v, dst, 0, n, slope);
        else Parallel2.For(n, n, (s, e) => Chunk(x, v, dst, s, e, slope));
    }

    // forward: v == x, so dst = x > 0 ? x : x·slope, the same formula as backward.
    private static void Chunk(float* x, float* v, float* dst, int start, int end, float slope)
    {
        int i = start;
        if (Vector.IsHardwareAccelerated)
        {
            var zero = Vector<float>.Zero;
            var s = new Vector<float>(slope);
            for (; i <= end - Vector<float>.Count; i += Vector<float>.Count)
            {
                var xv = Vector.Load(x + i);
                var vv = Vector.Load(v + i);
                Vector.ConditionalSelect(Vector.GreaterThan(xv, zero), vv, vv * s).Store(dst + i);
            }
        }
        for (; i < end; i++) dst[i] = x[i] > 0 ? v[i] : v[i] * slope;
    }
}
