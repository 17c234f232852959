using SuperRes.Tensors;

namespace SuperRes.Tests.Losses;

/// <summary>Seeded inputs, smooth image pairs, and the gradient check for scalar losses (the shared <see cref="GradCheck"/>).</summary>
internal static class LossTestHelpers
{
    public static float[] Values(int count, int seed, double low = 0, double high = 1)
    {
        var rng = new Rng((ulong)seed);
        var values = new float[count];
        for (var i = 0; i < count; i++) values[i] = (float)(low + (high - low) * rng.NextDouble());
        return values;
    }

    public static Tensor Parameter(float[] values, params int[] shape)
    {
        var t = Tensor.FromArray(values, shape).Persist();
        t.RequiresGrad = true;
        return t;
    }

    /// <summary>Asserts the analytic gradient matches central differences (step h) within tolerance: <see cref="GradCheck.Scalar"/>.</summary>
    public static void CheckGradient(Func<Tensor, Tensor> loss, float[] values, int[] shape, float h = 1e-2f, double tolerance = 2e-3) =>
        GradCheck.Scalar(loss, values, shape, h, tolerance);

    /// <summary>A smooth 12x12 image pair (2 samples) and its 2x2-average LR: learnable, unlike noise.</summary>
    public static (Tensor Lr, Tensor Hr) SmoothPair()
    {
        var hr = new float[2 * 144];
        var lr = new float[2 * 36];
        for (var s = 0; s < 2; s++)
            for (var y = 0; y < 12; y++)
                for (var x = 0; x < 12; x++)
                    hr[s * 144 + y * 12 + x] = (float)(0.5 + 0.35 * Math.Sin(x / 3.0 + s) * Math.Cos(y / 4.0));
        for (var s = 0; s < 2; s++)
            for (var y = 0; y < 6; y++)
                for (var x = 0; x < 6; x++)
                {
                    var i = s * 144 + 2 * y * 12 + 2 * x;
                    lr[s * 36 + y * 6 + x] = (hr[i] + hr[i + 1] + hr[i + 12] + hr[i + 13]) / 4;
                }
        return (Tensor.FromArray(lr, 2, 1, 6, 6).Persist(), Tensor.FromArray(hr, 2, 1, 12, 12).Persist());
    }
}
