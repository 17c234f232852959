using SuperRes.Tensors.Kernels;

namespace SuperRes.Tensors.Tests.Kernels;

/// <summary>
/// The fused stride-2 transposed conv + leaky ReLU + 3x3 conv + sum (<see cref="IUpsampleConvKernel"/>)
/// against a plain double-precision loop, at every vector width, on awkward shapes.
/// </summary>
public class UpsampleConvTests
{
    private const double Tolerance = 1e-5;
    private const float Slope = 0.2f;

    // Batch, in channels, mid channels, out channels, height, width, biases (1) or none (0)
    private static readonly int[][] Shapes =
    [
        [1, 8, 8, 1, 5, 7, 1],      // narrower than one tile
        [2, 3, 6, 3, 9, 17, 1],     // batch, RGB out, mid channels not a multiple of 4
        [1, 32, 32, 1, 13, 50, 1],  // LapSRN's width, a ragged second tile
        [1, 5, 7, 2, 1, 1, 0],      // one pixel, no biases
        [1, 16, 16, 1, 20, 97, 1],  // three tiles across, ragged
        [1, 4, 5, 1, 2, 100, 0],    // two input rows
        [1, 2, 3, 1, 37, 3, 1],     // tall and thin: several bands of rows
    ];

    public static TheoryData<string, int> Cases() => ConvTestData.KernelCases(Shapes.Length);

    [Theory]
    [MemberData(nameof(Cases))]
    public unsafe void ForwardUpsampleConv_MatchesThePlainLoops(string kernelName, int index)
    {
        var s = Shapes[index];
        int n = s[0], ci = s[1], cm = s[2], co = s[3], h = s[4], w = s[5];
        var input = ConvTestData.Random((long)n * ci * h * w, 21);
        var upWeight = ConvTestData.Random((long)ci * cm * 9, 22, 0.5f);
        var upBias = s[6] == 1 ? ConvTestData.Random(cm, 23) : null;
        var convWeight = ConvTestData.Random((long)co * cm * 9, 24, 0.5f);
        var convBias = s[6] == 1 ? ConvTestData.Random(co, 25) : null;
        var addend = ConvTestData.Random((long)n * co * 4 * h * w, 26);
        var (expected, expectedFeatures) = Reference(n, ci, cm, co, h, w, input, upWeight, upBias, convWeight, convBias, addend);

        var kernel = (IUpsampleConvKernel)SimdConv2dKernelTests.KernelByName(kernelName);
        var actual = new float[expected.Length];
        var features = new float[expectedFeatures.Length + 1]; // one past the end, which must stay untouched
        Array.Fill(actual, float.NaN);
        Array.Fill(features, float.NaN);
        fixed (float* x = input, uw = upWeight, ub = upBias, cw = convWeight, cb = convBias, a = addend, y = actual, f = features)
            kernel.ForwardUpsampleConv(n, ci, cm, co, h, w, x, uw, ub, Slope, cw, cb, a, y, f);
        double error = ConvTestData.RelativeError(expected, actual);
        Assert.True(error <= Tolerance, $"relative error {error:E2}");
        double featureError = ConvTestData.RelativeError(expectedFeatures, features[..^1]);
        Assert.True(featureError <= Tolerance, $"features: relative error {featureError:E2}");
        Assert.True(float.IsNaN(features[^1]), "written past the features");

        // Without a features buffer, the same output.
        var alone = new float[expected.Length];
        fixed (float* x = input, uw = upWeight, ub = upBias, cw = convWeight, cb = convBias, a = addend, y = alone)
            kernel.ForwardUpsampleConv(n, ci, cm, co, h, w, x, uw, ub, Slope, cw, cb, a, y);
        Assert.Equal(actual, alone);
    }

    [Fact]
    public void OpsUpsampleConvAdd_EqualsTheThreeOps_WithAndWithoutGradients()
    {
        var rng = new Rng(31);
        var x = Tensor.RandomUniform(rng, -1, 1, 1, 12, 23, 31).Persist();
        var upWeight = Tensor.RandomUniform(rng, -0.3f, 0.3f, 12, 12, 3, 3).Persist();
        var upBias = Tensor.RandomUniform(rng, -0.3f, 0.3f, 12).Persist();
        var convWeight = Tensor.RandomUniform(rng, -0.3f, 0.3f, 1, 12, 3, 3).Persist();
        var convBias = Tensor.RandomUniform(rng, -0.3f, 0.3f, 1).Persist();
        var addend = Tensor.RandomUniform(rng, -1, 1, 1, 1, 46, 62).Persist();

        var up = Ops.ConvTranspose2dLeakyRelu(x, upWeight, upBias, 2, new Padding2d(0, 0, 1, 1), Slope);
        var expected = Ops.Add(addend, Ops.Conv2d(up, convWeight, convBias, 1, 1, new Padding2d(1, 1, 1, 1))).ToArray();
        using (Tape.NoGrad())
        {
            var fused = Ops.UpsampleConvAdd(x, upWeight, upBias, Slope, convWeight, convBias, addend).ToArray();
            Assert.True(ConvTestData.RelativeError(expected, fused) <= Tolerance);
            var (withFeatures, features) = Ops.UpsampleConvAddWithFeatures(x, upWeight, upBias, Slope, convWeight, convBias, addend);
            Assert.Equal(fused, withFeatures.ToArray());
            Assert.True(ConvTestData.RelativeError(up.ToArray(), features.ToArray()) <= Tolerance);
        }

        using var tape = new Tape();
        upWeight.RequiresGrad = true;
        var recorded = Ops.UpsampleConvAdd(x, upWeight, upBias, Slope, convWeight, convBias, addend);
        Assert.Equal(expected, recorded.ToArray()); // the three ops, recorded
        Ops.Sum(recorded).Backward();
        Assert.NotNull(upWeight.Grad);
    }

    [Fact]
    public void OpsUpsampleConvAdd_WrongAddend_Throws()
    {
        var x = Tensor.Zeros(1, 4, 5, 6);
        var ex = Assert.Throws<ArgumentException>(() =>
            Ops.UpsampleConvAdd(x, Tensor.Zeros(4, 4, 3, 3), null, Slope, Tensor.Zeros(1, 4, 3, 3), null, Tensor.Zeros(1, 1, 10, 11)));
        Assert.Contains("addend", ex.Message);
    }

    /// <summary>The definition, summed in double: transposed conv (crop [0 1 0 1]), leaky ReLU, 3x3 conv with zero padding, addend; and the upsampled features.</summary>
    private static (float[] Output, float[] Features) Reference(int n, int ci, int cm, int co, int h, int w, float[] x, float[] upWeight, float[]? upBias,
        float[] convWeight, float[]? convBias, float[] addend)
    {
        int oh = 2 * h, ow = 2 * w;
        var up = new double[(long)n * cm * oh * ow];
        for (int b = 0; b < n; b++)
        for (int m = 0; m < cm; m++)
        for (int oy = 0; oy < oh; oy++)
        for (int ox = 0; ox < ow; ox++)
        {
            double sum = upBias?[m] ?? 0;
            for (int c = 0; c < ci; c++)
            for (int ky = 0; ky < 3; ky++)
            for (int kx = 0; kx < 3; kx++)
            {
                int ty = oy - ky, tx = ox - kx; // oy = 2 iy + ky
                if (ty < 0 || tx < 0 || ty % 2 != 0 || tx % 2 != 0 || ty / 2 >= h || tx / 2 >= w) continue;
                sum += (double)x[((b * ci + c) * h + ty / 2) * w + tx / 2] * upWeight[(c * cm + m) * 9 + ky * 3 + kx];
            }
            up[((b * cm + m) * oh + oy) * ow + ox] = sum > 0 ? sum : sum * Slope;
        }
        var result = new float[(long)n * co * oh * ow];
        for (int b = 0; b < n; b++)
        for (int c = 0; c < co; c++)
        for (int y = 0; y < oh; y++)
        for (int xx = 0; xx < ow; xx++)
        {
            double sum = convBias?[c] ?? 0;
            for (int m = 0; m < cm; m++)
            for (int ky = 0; ky < 3; ky++)
            for (int kx = 0; kx < 3; kx++)
            {
                int yy = y + ky - 1, xk = xx + kx - 1;
                if (yy < 0 || xk < 0 || yy >= oh || xk >= ow) continue;
                sum += up[((b * cm + m) * oh + yy) * ow + xk] * convWeight[(c * cm + m) * 9 + ky * 3 + kx];
            }
            long at = ((long)(b * co + c) * oh + y) * ow + xx;
            result[at] = (float)(addend[at] + sum);
        }
        return (result, up.Select(v => (float)v).ToArray());
    }
}
