using System.Runtime.Intrinsics;
using SuperRes.Tensors.Kernels;
using SuperRes.Tensors.Kernels.Simd;

namespace SuperRes.Tensors.Tests.Kernels;

/// <summary>Winograd F(2x2,3x3), F(4x4,3x3) and F(2x2,2x2) on 3x3 and 2x2 stride-1 shapes, small channel counts included.</summary>
public class WinogradTests
{
    public static TheoryData<string, int, int, int[]> Cases()
    {
        var data = new TheoryData<string, int, int, int[]>();
        int[][] shapes =
        [
            // n, cin, h, w, cout, padTop, padLeft, padBottom, padRight
            [1, 3, 7, 5, 5, 1, 1, 1, 1],
            [2, 13, 9, 11, 17, 1, 1, 1, 1],
            [1, 1, 13, 9, 64, 1, 1, 1, 1],
            [1, 64, 11, 13, 1, 1, 1, 1, 1],
            [1, 5, 9, 10, 6, 0, 2, 1, 0],
            [1, 17, 1, 1, 5, 1, 1, 1, 1],
            [2, 64, 20, 19, 64, 1, 1, 1, 1],
            [1, 16, 40, 37, 20, 1, 1, 1, 1],
            // Rows as wide as one or a few vectors of F(4x4) tiles: their ends split through the zero-padded copy.
            [1, 16, 18, 64, 16, 1, 1, 1, 1],
            [1, 7, 17, 70, 9, 1, 1, 1, 1],
            [1, 3, 6, 150, 5, 1, 2, 1, 0],
            // Chunks of 48 tiles that start inside one tile row and end inside the next (64 and 50 tiles a row).
            [1, 64, 13, 256, 64, 1, 1, 1, 1],
            [2, 32, 10, 199, 32, 1, 1, 1, 1],
        ];
        int[][] shapes2 =
        [
            // 2x2 kernels: the sub-pixel phases of a transposed conv pad (1, 1) before, up to 1 after.
            [1, 3, 7, 5, 5, 1, 1, 0, 0],
            [2, 13, 9, 11, 17, 1, 1, 1, 1],
            [1, 32, 20, 37, 32, 1, 1, 1, 0],
            [1, 5, 9, 10, 6, 0, 0, 1, 1],
            [1, 17, 1, 1, 5, 1, 1, 0, 0],
            [1, 64, 11, 13, 1, 0, 1, 0, 1],
        ];
        foreach (var name in new[] { "Vector128", "Vector256", "Vector512" })
        {
            foreach (var s in shapes)
            {
                data.Add(name, 3, 2, s);
                data.Add(name, 3, 4, s);
            }
            foreach (var s in shapes2)
                data.Add(name, 2, 2, s);
        }
        return data;
    }

    private static void ForceWinograd(bool on, int tile = 0)
    {
        int value = on ? 1 : 0;
        SimdConv2dKernel<Vector128<float>, Simd128>.WinogradMinChannelsOverride = value;
        SimdConv2dKernel<Vector256<float>, Simd256>.WinogradMinChannelsOverride = value;
        SimdConv2dKernel<Vector512<float>, Simd512>.WinogradMinChannelsOverride = value;
        SimdConv2dKernel<Vector128<float>, Simd128>.WinogradTileOverride = tile;
        SimdConv2dKernel<Vector256<float>, Simd256>.WinogradTileOverride = tile;
        SimdConv2dKernel<Vector512<float>, Simd512>.WinogradTileOverride = tile;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 5)]
    [InlineData(17, 13)]
    [InlineData(7, 64)]
    [InlineData(64, 32)]
    public unsafe void WeightTransform4_InVectorsOnEveryWorker_IsTheScalarOneBitForBit(int cin, int cout)
    {
        var g = new Conv2dGeometry(1, cin, 8, 8, cout, 3, 3, 1, 1, 1, 1, 1, 1);
        var weight = ConvTestData.Random(g.WeightLength, 21);
        // Values whose sums and quotients round: huge, tiny, subnormal, signed zeros.
        float[] awkward = [3.4e38f, -3.4e38f, 1e-38f, 1.4e-45f, -0f, 0f, 1f / 3, 16777215f, -7.1e-12f];
        for (int i = 0; i < weight.Length; i += 5) weight[i] = awkward[i / 5 % awkward.Length];
        Assert.True(Same(weight, SimdConv2dKernel<Vector128<float>, Simd128>.TransformWeights4, SimdConv2dKernel<Vector128<float>, Simd128>.TransformWeights4Vector));
        Assert.True(Same(weight, SimdConv2dKernel<Vector256<float>, Simd256>.TransformWeights4, SimdConv2dKernel<Vector256<float>, Simd256>.TransformWeights4Vector));
        Assert.True(Same(weight, SimdConv2dKernel<Vector512<float>, Simd512>.TransformWeights4, SimdConv2dKernel<Vector512<float>, Simd512>.TransformWeights4Vector));

        bool Same(float[] w, WeightTransform plain, WeightTransform fast)
        {
            int coBlocks = (cout + 3) / 4;
            var expected = new float[36 * coBlocks * cin * 4];
            var actual = new float[expected.Length];
            actual.AsSpan().Fill(float.NaN);
            fixed (float* pw = w, pe = expected, pa = actual)
            {
                plain(g, pw, pe, coBlocks);
                fast(g, pw, pa, coBlocks);
            }
            return expected.Select(BitConverter.SingleToInt32Bits).SequenceEqual(actual.Select(BitConverter.SingleToInt32Bits));
        }
    }

    private unsafe delegate void WeightTransform(in Conv2dGeometry g, float* weight, float* u, int coBlocks);

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardAndBackwardInput_AnyChannels_MatchReference(string kernel, int size, int tile, int[] shape)
    {
        // n, cin, h, w, cout, padTop, padLeft, padBottom, padRight
        var s = shape;
        var g = new Conv2dGeometry(s[0], s[1], s[2], s[3], s[4], size, size, 1, 1, s[5], s[6], s[7], s[8]);
        var input = ConvTestData.Random(g.InputLength, 11);
        var weight = ConvTestData.Random(g.WeightLength, 12);
        var bias = ConvTestData.Random(g.OutChannels, 13);
        var gradOutput = ConvTestData.Random(g.OutputLength, 14);
        var expected = ConvTestData.Forward(Conv2dKernels.Reference, g, input, weight, bias);
        var expectedGrad = ConvTestData.BackwardInput(Conv2dKernels.Reference, g, gradOutput, weight);
        ForceWinograd(true, tile);
        try
        {
            var fast = SimdConv2dKernelTests.KernelByName(kernel);
            Assert.InRange(ConvTestData.RelativeError(expected, ConvTestData.Forward(fast, g, input, weight, bias)), 0, 1e-5);
            Assert.InRange(ConvTestData.RelativeError(expectedGrad, ConvTestData.BackwardInput(fast, g, gradOutput, weight)), 0, 1e-5);
        }
        finally
        {
            ForceWinograd(false);
        }
    }
}
