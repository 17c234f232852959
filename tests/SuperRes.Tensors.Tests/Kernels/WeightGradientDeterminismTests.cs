using SuperRes.Tensors.Kernels;

namespace SuperRes.Tensors.Tests.Kernels;

/// <summary>
/// The weight gradient is reduced over fixed slots in a fixed order: the same bits on every run and
/// for every thread count, on shapes large enough to run in parallel, and still the reference's values.
/// </summary>
[Collection(SerialCollection.Name)]
public class WeightGradientDeterminismTests
{
    // Batch, InChannels, InHeight, InWidth, OutChannels, KernelH, KernelW, StrideH, StrideW, PadTop, PadLeft, PadBottom, PadRight
    public static TheoryData<string, int[]> Cases()
    {
        var data = new TheoryData<string, int[]>();
        foreach (var name in new[] { "Vector256", "Vector512", "Best" })
        {
            data.Add(name, [16, 32, 24, 24, 32, 3, 3, 1, 1, 1, 1, 1, 1]); // a LapSRN layer, direct path
            data.Add(name, [3, 16, 41, 37, 13, 3, 3, 1, 1, 1, 1, 1, 1]);  // odd sizes, fewer items than 16 slots
            data.Add(name, [4, 8, 40, 38, 16, 4, 4, 2, 2, 1, 1, 1, 1]);   // strided: the im2col path
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BackwardWeight_AnyThreadCount_SameBitsAndMatchesReference(string kernel, int[] s)
    {
        var g = new Conv2dGeometry(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10], s[11], s[12]);
        Assert.True(g.ForwardFlops >= 1e6, "the shape must be large enough for the parallel path");
        var input = ConvTestData.Random(g.InputLength, 7);
        var gradOutput = ConvTestData.Random(g.OutputLength, 8);
        var impl = SimdConv2dKernelTests.KernelByName(kernel);
        int previous = KernelWorkerPool.ThreadCount;
        try
        {
            KernelWorkerPool.ThreadCount = 1;
            var (serial, serialBias) = ConvTestData.BackwardWeight(impl, g, input, gradOutput);
            foreach (var threads in new[] { 2, Environment.ProcessorCount, 2, 3 })
            {
                KernelWorkerPool.ThreadCount = threads;
                for (int repeat = 0; repeat < 3; repeat++)
                {
                    var (weight, bias) = ConvTestData.BackwardWeight(impl, g, input, gradOutput);
                    Assert.Equal(serial, weight);
                    Assert.Equal(serialBias, bias);
                }
            }
            var (expected, _) = ConvTestData.BackwardWeight(Conv2dKernels.Reference, g, input, gradOutput);
            Assert.True(ConvTestData.RelativeError(expected, serial) < 1e-5);
        }
        finally
        {
            KernelWorkerPool.ThreadCount = previous;
        }
    }
}
