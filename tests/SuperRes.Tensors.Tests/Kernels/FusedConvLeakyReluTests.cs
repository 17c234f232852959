using SuperRes.Tensors.Kernels;

namespace SuperRes.Tensors.Tests.Kernels;

/// <summary>conv + bias + leaky ReLU in one kernel pass against the reference conv followed by leaky ReLU.</summary>
public class FusedConvLeakyReluTests
{
    private const double Tolerance = 1e-5;

    // Batch, InChannels, InHeight, InWidth, OutChannels, KernelH, KernelW, pad (all sides)
    private static readonly int[][] Shapes =
    [
        [1, 1, 13, 9, 64, 3, 3, 1],    // 1-channel input (LapSRN's input conv), direct path
        [2, 17, 9, 11, 7, 3, 3, 1],    // direct path, odd sizes
        [1, 32, 11, 13, 32, 3, 3, 1],  // Winograd path, ragged edge tiles
        [2, 16, 20, 19, 17, 3, 3, 1],  // Winograd path, odd channels
        [1, 5, 7, 6, 1, 2, 2, 0],      // one output channel, 2x2 kernel
        [1, 32, 13, 11, 20, 2, 2, 1],  // Winograd F(2x2, 2x2) path, ragged edge tiles
    ];

    public static TheoryData<string, int> Cases() => ConvTestData.KernelCases(Shapes.Length);

    [Theory]
    [MemberData(nameof(Cases))]
    public unsafe void ForwardLeakyRelu_MatchesReferenceThenLeaky(string kernelName, int index)
    {
        var s = Shapes[index];
        var g = new Conv2dGeometry(s[0], s[1], s[2], s[3], s[4], s[5], s[6], 1, 1, s[7], s[7], s[7], s[7]);
        const float slope = 0.2f;
        var input = ConvTestData.Random(g.InputLength, 11);
        var weight = ConvTestData.Random(g.WeightLength, 12);
        var bias = ConvTestData.Random(g.OutChannels, 13);
        var expected = ConvTestData.Forward(Conv2dKernels.Reference, g, input, weight, bias);
        int negatives = 0;
        for (int i = 0; i < expected.Length; i++)
            if (expected[i] < 0) { expected[i] *= slope; negatives++; }
        Assert.True(negatives > expected.Length / 10, "the data must exercise the negative side");
        var kernel = (IFusedConv2dKernel)SimdConv2dKernelTests.KernelByName(kernelName);
        var actual = new float[g.OutputLength];
        Array.Fill(actual, float.NaN);
        fixed (float* x = input, w = weight, b = bias, y = actual) kernel.ForwardLeakyRelu(g, x, w, b, y, slope);
        Assert.True(ConvTestData.RelativeError(expected, actual) <= Tolerance, $"relative error {ConvTestData.RelativeError(expected, actual):E2}");
    }

    [Fact]
    public void OpsConv2dLeakyRelu_WithoutGrad_EqualsConvThenLeaky_AndWithGrad_RecordsBoth()
    {
        var rng = new Rng(9);
        using var tape = new Tape();
        var x = Tensor.RandomUniform(rng, -1, 1, 1, 20, 15, 17);
        var w = Tensor.RandomUniform(rng, -0.3f, 0.3f, 20, 20, 3, 3);
        var b = Tensor.RandomUniform(rng, -0.3f, 0.3f, 20);
        var expected = Ops.LeakyRelu(Ops.Conv2d(x, w, b, 1, 1), 0.2f).ToArray();
        float[] fused;
        using (Tape.NoGrad()) fused = Ops.Conv2dLeakyRelu(x, w, b, 1, 0.2f).ToArray();
        Assert.True(ConvTestData.RelativeError(expected, fused) <= Tolerance);
        w.RequiresGrad = true;
        var y = Ops.Conv2dLeakyRelu(x, w, b, 1, 0.2f);
        Assert.True(y.RequiresGrad);
        Assert.True(ConvTestData.RelativeError(expected, y.ToArray()) <= Tolerance);
    }
}
