using SuperRes.Tensors.Kernels;

namespace SuperRes.Tensors.Tests.Kernels;

/// <summary>The sub-pixel transposed conv (stride² stride-1 convs) against the reference kernel's BackwardInput.</summary>
public class SubPixelConvTransposeTests
{
    private const double Tolerance = 1e-5;

    // Batch, ConvTranspose in channels (the conv's Out), out channels (the conv's In), input H, W, k, stride, crop top, left, bottom, right
    private static readonly int[][] Shapes =
    [
        [1, 7, 5, 9, 11, 3, 2, 0, 0, 1, 1],    // LapSRN's feature upconv, odd sizes
        [2, 1, 1, 7, 5, 4, 2, 1, 1, 1, 1],     // LapSRN's image branch
        [1, 17, 3, 6, 5, 4, 2, 1, 1, 1, 1],
        [1, 3, 17, 5, 8, 3, 3, 0, 2, 1, 0],    // stride 3, uneven crops
        [2, 5, 7, 4, 3, 2, 3, 0, 0, 0, 0],     // kernel smaller than the stride: some phases get bias only
        [1, 64, 64, 13, 11, 3, 2, 0, 0, 1, 1], // many channels: the Winograd-sized path of the caller
        [1, 2, 3, 5, 5, 5, 2, 2, 2, 1, 1],
        [2, 32, 32, 9, 13, 4, 2, 1, 1, 1, 1],  // phases as one Winograd F(2x2, 2x2) conv of 4 x 32 channels
        [1, 5, 4, 5, 7, 6, 3, 2, 1, 1, 2],     // stride 3, every phase 2x2: one combined conv
    ];

    public static TheoryData<string, int> Cases() => ConvTestData.KernelCases(Shapes.Length, withReference: true);

    [Theory]
    [MemberData(nameof(Cases))]
    public unsafe void Forward_MatchesReferenceBackwardInput(string kernelName, int index)
    {
        var s = Shapes[index];
        int n = s[0], ci = s[1], co = s[2], h = s[3], w = s[4], k = s[5], stride = s[6];
        int oh = (h - 1) * stride + k - s[7] - s[9], ow = (w - 1) * stride + k - s[8] - s[10];
        var g = new Conv2dGeometry(n, co, oh, ow, ci, k, k, stride, stride, s[7], s[8], s[9], s[10]);
        Assert.Equal(h, g.OutHeight);
        Assert.Equal(w, g.OutWidth);
        var kernel = kernelName == "Reference" ? Conv2dKernels.Reference : SimdConv2dKernelTests.KernelByName(kernelName);
        var input = ConvTestData.Random(g.OutputLength, 1);
        var weight = ConvTestData.Random(g.WeightLength, 2);
        var bias = ConvTestData.Random(co, 3);
        var expected = ConvTestData.BackwardInput(Conv2dKernels.Reference, g, input, weight);
        long plane = (long)oh * ow;
        for (long i = 0; i < expected.Length; i++) expected[i] += bias[i / plane % co];
        var actual = new float[g.InputLength];
        Array.Fill(actual, float.NaN); // every element must be written
        fixed (float* x = input, wt = weight, b = bias, y = actual) SubPixelConvTranspose.Forward(kernel, g, x, wt, b, y);
        Assert.True(ConvTestData.RelativeError(expected, actual) <= Tolerance, $"relative error {ConvTestData.RelativeError(expected, actual):E2}");
    }

    [Theory]
    [InlineData(3, 2, 0, 1)]
    [InlineData(4, 2, 1, 0)]
    [InlineData(4, 3, 1, 2)]
    public void OpsConvTranspose2d_SubPixelEqualsCol2Im(int k, int stride, int padding, int outputPadding)
    {
        var rng = new Rng(5);
        using var tape = new Tape();
        var x = Tensor.RandomUniform(rng, -1, 1, 2, 7, 9, 5);
        var weight = Tensor.RandomUniform(rng, -1, 1, 7, 3, k, k);
        var bias = Tensor.RandomUniform(rng, -1, 1, 3);
        var fast = Ops.ConvTranspose2d(x, weight, bias, stride, padding, outputPadding).ToArray();
        Ops.DisableSubPixel = true;
        try
        {
            var reference = Ops.ConvTranspose2d(x, weight, bias, stride, padding, outputPadding).ToArray();
            Assert.True(ConvTestData.RelativeError(reference, fast) <= Tolerance);
        }
        finally
        {
            Ops.DisableSubPixel = false;
        }
    }

    [Fact]
    public void CropOverload_EqualsFullOutputSliced()
    {
        var rng = new Rng(6);
        using var tape = new Tape();
        var x = Tensor.RandomUniform(rng, -1, 1, 1, 5, 7, 6);
        var weight = Tensor.RandomUniform(rng, -1, 1, 5, 4, 3, 3);
        var bias = Tensor.RandomUniform(rng, -1, 1, 4);
        var full = Ops.ConvTranspose2d(x, weight, bias, 2);
        var sliced = Ops.Slice(Ops.Slice(full, 2, 1, full.Size(2) - 3), 3, 0, full.Size(3) - 2);
        var cropped = Ops.ConvTranspose2d(x, weight, bias, 2, new Padding2d(1, 0, 2, 2));
        Assert.Equal(sliced.Shape.ToArray(), cropped.Shape.ToArray());
        Assert.True(ConvTestData.RelativeError(sliced.ToArray(), cropped.ToArray()) <= Tolerance);
    }

    [Fact]
    public void ConvTranspose2dLeakyRelu_WithoutGrad_EqualsConvTransposeThenLeaky()
    {
        var rng = new Rng(7);
        using var tape = new Tape();
        var x = Tensor.RandomUniform(rng, -1, 1, 1, 6, 7, 9);
        var weight = Tensor.RandomUniform(rng, -1, 1, 6, 5, 3, 3);
        var bias = Tensor.RandomUniform(rng, -1, 1, 5);
        var crop = new Padding2d(0, 0, 1, 1);
        var expected = Ops.LeakyRelu(Ops.ConvTranspose2d(x, weight, bias, 2, crop), 0.2f).ToArray();
        Assert.Contains(expected, v => v < 0);
        using (Tape.NoGrad())
        {
            var fused = Ops.ConvTranspose2dLeakyRelu(x, weight, bias, 2, crop, 0.2f).ToArray();
            Assert.True(ConvTestData.RelativeError(expected, fused) <= Tolerance);
        }
    }
}
