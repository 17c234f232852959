using SuperRes.Tensors;
using Xunit;

namespace SuperRes.Testing;

/// <summary>
/// The one gradient checker of the test projects (compiled into each): compares autodiff
/// gradients with central finite differences of the scalar L = Σ rᵢ·yᵢ (fixed random weights r;
/// r = 1 when y is a scalar), read at up to <c>maxProbes</c> elements of every input. Two modes:
/// <list type="bullet">
/// <item><b>float</b> (<see cref="Check"/>, <see cref="Scalar"/>): the difference quotient of the
/// engine's own float forward pass, summed in double so float rounding of the sum does not swamp
/// it; the step (1e-2 by default) and tolerances are loose enough for float's 1e-7 resolution.</item>
/// <item><b>double</b> (<see cref="CheckAgainstDouble"/>): the difference quotient of a
/// double-precision reference of the same function, with a 1e-6 step, so the numeric side is
/// accurate to about 1e-9 and the tolerance only has to absorb the float analytic gradient
/// (1e-4 relative by default); the reference's forward values are checked against the engine's
/// first, so a wrong reference cannot pass.</item>
/// </list>
/// A gradient passes when |analytic − numeric| ≤ atol + rtol·|numeric|.
/// </summary>
public static class GradCheck
{
    /// <summary>Float mode: the engine's forward pass, perturbed by ±eps.</summary>
    public static void Check(Func<Tensor[], Tensor> f, Tensor[] inputs, double eps = 1e-2, double rtol = 2e-2, double atol = 2e-3,
        int maxProbes = 200, ulong seed = 7) =>
        Run(f, inputs, maxProbes, seed, rtol, atol, (r, k, i) =>
        {
            var data = inputs[k].AsSpan();
            float saved = data[i];
            data[i] = saved + (float)eps;
            double up = Probe(f, inputs, r);
            data[i] = saved - (float)eps;
            double down = Probe(f, inputs, r);
            data[i] = saved;
            return (up - down) / (2 * eps);
        });

    /// <summary>Float mode for a scalar function of one tensor of <paramref name="values"/>, every element probed.</summary>
    public static void Scalar(Func<Tensor, Tensor> f, float[] values, int[] shape, double h = 1e-2, double tolerance = 2e-3) =>
        Check(xs => f(xs[0]), [Tensor.FromArray((float[])values.Clone(), shape).Persist()], h, tolerance, tolerance, int.MaxValue);

    /// <summary>
    /// Double mode: <paramref name="reference"/> computes the same outputs as <paramref name="f"/>
    /// (flattened, same order) in double from the inputs' values (flattened, as double).
    /// </summary>
    public static void CheckAgainstDouble(Func<Tensor[], Tensor> f, Func<double[][], double[]> reference, Tensor[] inputs,
        double eps = 1e-6, double rtol = 1e-4, double atol = 1e-6, int maxProbes = 200, ulong seed = 7)
    {
        var values = inputs.Select(x => x.ToArray().Select(v => (double)v).ToArray()).ToArray();
        float[] engine;
        using (var scope = new Tape())
        using (Tape.NoGrad())
            engine = f(inputs).ToArray();
        var exact = reference(values);
        Assert.Equal(engine.Length, exact.Length);
        for (int i = 0; i < exact.Length; i++)
            Assert.True(Math.Abs(engine[i] - exact[i]) <= 1e-5 + 1e-4 * Math.Abs(exact[i]),
                $"the double reference disagrees with the forward pass at output {i}: {engine[i]:G8} against {exact[i]:G8}");
        Run(f, inputs, maxProbes, seed, rtol, atol, (r, k, i) =>
        {
            var w = r.ToArray();
            double saved = values[k][i];
            values[k][i] = saved + eps;
            double up = Dot(reference(values), w);
            values[k][i] = saved - eps;
            double down = Dot(reference(values), w);
            values[k][i] = saved;
            return (up - down) / (2 * eps);
        });
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

    private static void Run(Func<Tensor[], Tensor> f, Tensor[] inputs, int maxProbes, ulong seed, double rtol, double atol,
        Func<Tensor, int, int, double> numericAt)
    {
        var rng = new Rng(seed);
        using var tape = new Tape();
        foreach (var x in inputs) { x.RequiresGrad = true; x.ZeroGrad(); }
        var y = f(inputs);
        var r = y.Length == 1 ? Tensor.Full(1f, y.Shape.ToArray()) : Tensor.RandomUniform(rng, -1f, 1f, y.Shape.ToArray());
        Ops.Sum(Ops.Mul(y, r)).Backward();
        for (int k = 0; k < inputs.Length; k++)
        {
            var x = inputs[k];
            Assert.NotNull(x.Grad);
            var analytic = x.Grad!.ToArray();
            int probes = Math.Min(maxProbes, x.Length);
            for (int p = 0; p < probes; p++)
            {
                int i = x.Length <= maxProbes ? p : rng.NextInt(x.Length);
                double numeric = numericAt(r, k, i);
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

    private static double Dot(double[] y, float[] w)
    {
        double s = 0;
        for (int i = 0; i < y.Length; i++) s += y[i] * w[i];
        return s;
    }
}
