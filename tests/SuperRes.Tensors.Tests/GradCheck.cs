namespace SuperRes.Tensors.Tests;

/// <summary>
/// Compares autodiff gradients with central finite differences. The scalar probed is
/// L = Σ rᵢ·yᵢ with fixed random weights r, summed in double so that float rounding of the
/// forward pass does not swamp the difference quotient.
/// </summary>
public static class GradCheck
{
    public static void Check(Func<Tensor[], Tensor> f, Tensor[] inputs, double eps = 1e-2, double rtol = 2e-2, double atol = 2e-3,
        int maxProbes = 200, ulong seed = 7)
    {
        var rng = new Rng(seed);
        using var tape = new Tape();
        foreach (var x in inputs) { x.RequiresGrad = true; x.ZeroGrad(); }
        var y = f(inputs);
        var r = Tensor.RandomUniform(rng, -1f, 1f, y.Shape.ToArray());
        var loss = Ops.Sum(Ops.Mul(y, r));
        loss.Backward();
        for (int k = 0; k < inputs.Length; k++)
        {
            var x = inputs[k];
            Assert.NotNull(x.Grad);
            var analytic = x.Grad!.ToArray();
            var data = x.AsSpan();
            int probes = Math.Min(maxProbes, x.Length);
            for (int p = 0; p < probes; p++)
            {
                int i = x.Length <= maxProbes ? p : rng.NextInt(x.Length);
                float saved = data[i];
                data[i] = saved + (float)eps;
                double up = Probe(f, inputs, r);
                data[i] = saved - (float)eps;
                double down = Probe(f, inputs, r);
                data[i] = saved;
                double numeric = (up - down) / (2 * eps);
                double diff = Math.Abs(numeric - analytic[i]);
                Assert.True(diff <= atol + rtol * Math.Abs(numeric),
                    $"input {k} {x.ShapeString} element {i}: analytic {analytic[i]:G6}, numeric {numeric:G6}");
            }
        }
    }

    private static double Probe(Func<Tensor[], Tensor> f, Tensor[] inputs, Tensor r)
    {
        using var scope = new Tape();
        using var _ = Tape.NoGrad();
        var y = f(inputs).AsSpan();
        var w = r.AsSpan();
        double s = 0;
        for (int i = 0; i < y.Length; i++) s += (double)y[i] * w[i];
        return s;
    }

    /// <summary>Uniform values with |v| in [0.1, 1] so that kinks (0 for ReLU, |x|) are not crossed by ±eps.</summary>
    public static Tensor AwayFromZero(Rng rng, params int[] shape)
    {
        var t = Tensor.Empty(shape).Persist();
        var s = t.AsSpan();
        for (int i = 0; i < s.Length; i++)
        {
            float v = 0.1f + 0.9f * rng.NextSingle();
            s[i] = rng.NextSingle() < 0.5f ? -v : v;
        }
        return t;
    }

    public static Tensor Uniform(Rng rng, float low, float high, params int[] shape) =>
        Tensor.RandomUniform(rng, low, high, shape).Persist();
}
