using SuperRes.Tensors.Kernels;

namespace SuperRes.Tensors.Tests.Kernels;

public class SimdConv2dKernelTests
{
    private const double Tolerance = 1e-5;

    public static IConv2dKernel KernelByName(string name) => name switch
    {
        "Vector128" => Conv2dKernels.Vector128,
        "Vector256" => Conv2dKernels.Vector256,
        "Vector512" => Conv2dKernels.Vector512,
        "Best" => Conv2dKernels.Best,
        _ => throw new ArgumentException(name),
    };

    // Batch, InChannels, InHeight, InWidth, OutChannels, KernelH, KernelW, StrideH, StrideW, PadTop, PadLeft, PadBottom, PadRight
    private static readonly int[][] Shapes =
    [
        [1, 3, 7, 5, 5, 3, 3, 1, 1, 1, 1, 1, 1],
        [2, 13, 9, 11, 17, 3, 3, 1, 1, 1, 1, 1, 1],
        [2, 17, 9, 11, 64, 1, 1, 1, 1, 0, 0, 0, 0],
        [1, 1, 13, 9, 64, 3, 3, 1, 1, 1, 1, 1, 1],
        [1, 64, 11, 13, 1, 3, 3, 1, 1, 1, 1, 1, 1],
        [2, 3, 12, 10, 64, 3, 3, 1, 1, 1, 1, 1, 1],
        [2, 5, 13, 11, 3, 5, 5, 1, 1, 2, 2, 2, 2],
        [1, 5, 16, 14, 7, 4, 4, 2, 2, 1, 1, 1, 1],
        [2, 3, 11, 9, 5, 3, 3, 2, 2, 1, 1, 1, 1],
        [1, 5, 9, 10, 6, 3, 3, 1, 1, 0, 2, 1, 0],
        [1, 3, 10, 9, 4, 4, 4, 2, 2, 1, 0, 2, 1],
        [1, 2, 5, 5, 3, 3, 3, 1, 1, 3, 3, 3, 3],
        [1, 4, 9, 8, 5, 3, 2, 2, 1, 1, 0, 0, 1],
        [1, 64, 20, 19, 64, 3, 3, 1, 1, 1, 1, 1, 1],
    ];

    public static TheoryData<string, int> Cases() => ConvTestData.KernelCases(Shapes.Length);

    private static Conv2dGeometry Shape(int index)
    {
        var s = Shapes[index];
        return new Conv2dGeometry(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10], s[11], s[12]);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_OddShapes_MatchesReference(string kernel, int shape)
    {
        var g = Shape(shape);
        var input = ConvTestData.Random(g.InputLength, 1 + shape);
        var weight = ConvTestData.Random(g.WeightLength, 100 + shape);
        var bias = ConvTestData.Random(g.OutChannels, 200 + shape);
        var expected = ConvTestData.Forward(Conv2dKernels.Reference, g, input, weight, bias);
        var actual = ConvTestData.Forward(KernelByName(kernel), g, input, weight, bias);
        Assert.InRange(ConvTestData.RelativeError(expected, actual), 0, Tolerance);
        var noBias = ConvTestData.Forward(KernelByName(kernel), g, input, weight, null);
        var expectedNoBias = ConvTestData.Forward(Conv2dKernels.Reference, g, input, weight, null);
        Assert.InRange(ConvTestData.RelativeError(expectedNoBias, noBias), 0, Tolerance);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BackwardInput_OddShapes_MatchesReference(string kernel, int shape)
    {
        var g = Shape(shape);
        var gradOutput = ConvTestData.Random(g.OutputLength, 300 + shape);
        var weight = ConvTestData.Random(g.WeightLength, 400 + shape);
        var expected = ConvTestData.BackwardInput(Conv2dKernels.Reference, g, gradOutput, weight);
        var actual = ConvTestData.BackwardInput(KernelByName(kernel), g, gradOutput, weight);
        Assert.InRange(ConvTestData.RelativeError(expected, actual), 0, Tolerance);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BackwardWeight_OddShapes_MatchesReference(string kernel, int shape)
    {
        var g = Shape(shape);
        var input = ConvTestData.Random(g.InputLength, 500 + shape);
        var gradOutput = ConvTestData.Random(g.OutputLength, 600 + shape);
        var (expectedWeight, expectedBias) = ConvTestData.BackwardWeight(Conv2dKernels.Reference, g, input, gradOutput);
        var (actualWeight, actualBias) = ConvTestData.BackwardWeight(KernelByName(kernel), g, input, gradOutput);
        Assert.InRange(ConvTestData.RelativeError(expectedWeight, actualWeight), 0, Tolerance);
        Assert.InRange(ConvTestData.RelativeError(expectedBias, actualBias), 0, Tolerance);
    }
}
