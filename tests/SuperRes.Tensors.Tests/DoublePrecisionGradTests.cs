namespace SuperRes.Tensors.Tests;

/// <summary>
/// Backward passes checked in <see cref="GradCheck.CheckAgainstDouble"/>'s double mode: central
/// differences (step 1e-6) of a double-precision reference written here, so the tolerance is
/// 1e-4 relative instead of float mode's 2e-2.
/// </summary>
public sealed class DoublePrecisionGradTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 0)]
    public void Conv2d_MatchesDoubleReference(int stride, int pad)
    {
        var rng = new Rng(11);
        var x = GradCheck.Uniform(rng, -1, 1, 2, 3, 5, 6);
        var w = GradCheck.Uniform(rng, -1, 1, 4, 3, 3, 3);
        var b = GradCheck.Uniform(rng, -1, 1, 4);

        GradCheck.CheckAgainstDouble(t => Ops.Conv2d(t[0], t[1], t[2], stride, new Padding2d(pad, pad, pad, pad)),
            v => Conv(v[0], v[1], v[2], 2, 3, 5, 6, 4, 3, stride, pad), [x, w, b]);
    }

    [Fact]
    public void ConvTranspose2d_MatchesDoubleReference()
    {
        var rng = new Rng(12);
        var x = GradCheck.Uniform(rng, -1, 1, 1, 2, 3, 4);
        var w = GradCheck.Uniform(rng, -1, 1, 2, 3, 4, 4); // [in, out, k, k]

        GradCheck.CheckAgainstDouble(t => Ops.ConvTranspose2d(t[0], t[1], null, 2, 1),
            v => ConvTranspose(v[0], v[1], 1, 2, 3, 4, 3, 4, 2, 1), [x, w]);
    }

    [Fact]
    public void SigmoidTanhLeakyRelu_MatchDoubleReference()
    {
        var rng = new Rng(13);
        var x = GradCheck.AwayFromZero(rng, 3, 7);

        GradCheck.CheckAgainstDouble(t => Ops.Add(Ops.Mul(Ops.Sigmoid(t[0]), Ops.Tanh(t[0])), Ops.LeakyRelu(t[0], 0.2f)),
            v => v[0].Select(a => 1 / (1 + Math.Exp(-a)) * Math.Tanh(a) + (a > 0 ? a : 0.2 * a)).ToArray(), [x]);
    }

    [Fact]
    public void CheckAgainstDouble_GradientOffBy1e3_Fails()
    {
        var x = GradCheck.Uniform(new Rng(14), -1, 1, 5);
        var x0 = x.ToArray().Select(a => (double)a).ToArray();

        GradCheck.CheckAgainstDouble(t => Ops.Mul(t[0], t[0]), v => v[0].Select(a => a * a).ToArray(), [x]);
        // The same values at x, a derivative 1e-3 off: float mode's tolerance (2e-3 + 2e-2·|g|) would let it pass.
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => GradCheck.CheckAgainstDouble(t => Ops.Mul(t[0], t[0]),
            v => v[0].Select((a, i) => a * a + 1e-3 * (a - x0[i])).ToArray(), [x]));
    }

    private static double[] Conv(double[] x, double[] w, double[] b, int n, int ci, int h, int wd, int co, int k, int stride, int pad)
    {
        int oh = (h + 2 * pad - k) / stride + 1, ow = (wd + 2 * pad - k) / stride + 1;
        var y = new double[n * co * oh * ow];
        for (int s = 0; s < n; s++)
            for (int o = 0; o < co; o++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++)
                    {
                        double acc = b[o];
                        for (int c = 0; c < ci; c++)
                            for (int p = 0; p < k; p++)
                                for (int q = 0; q < k; q++)
                                {
                                    int yy = i * stride + p - pad, xx = j * stride + q - pad;
                                    if (yy < 0 || yy >= h || xx < 0 || xx >= wd) continue;
                                    acc += x[((s * ci + c) * h + yy) * wd + xx] * w[((o * ci + c) * k + p) * k + q];
                                }
                        y[((s * co + o) * oh + i) * ow + j] = acc;
                    }
        return y;
    }

    private static double[] ConvTranspose(double[] x, double[] w, int n, int ci, int h, int wd, int co, int k, int stride, int pad)
    {
        int oh = (h - 1) * stride - 2 * pad + k, ow = (wd - 1) * stride - 2 * pad + k;
        var y = new double[n * co * oh * ow];
        for (int s = 0; s < n; s++)
            for (int c = 0; c < ci; c++)
                for (int i = 0; i < h; i++)
                    for (int j = 0; j < wd; j++)
                        for (int o = 0; o < co; o++)
                            for (int p = 0; p < k; p++)
                                for (int q = 0; q < k; q++)
                                {
                                    int yy = i * stride + p - pad, xx = j * stride + q - pad;
                                    if (yy < 0 || yy >= oh || xx < 0 || xx >= ow) continue;
                                    y[((s * co + o) * oh + yy) * ow + xx] += x[((s * ci + c) * h + i) * wd + j] * w[((c * co + o) * k + p) * k + q];
                                }
        return y;
    }
}
