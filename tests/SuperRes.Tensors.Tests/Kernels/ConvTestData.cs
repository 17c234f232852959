using SuperRes.Tensors.Kernels;

namespace SuperRes.Tensors.Tests.Kernels;

/// <summary>Seeded buffers and comparisons shared by the conv kernel tests.</summary>
internal static unsafe class ConvTestData
{
    /// <summary>Theory data: each vector kernel (names of <see cref="SimdConv2dKernelTests.KernelByName"/>), and the reference if asked, with each of <paramref name="shapes"/> shape indices.</summary>
    public static TheoryData<string, int> KernelCases(int shapes, bool withReference = false)
    {
        var data = new TheoryData<string, int>();
        string[] names = withReference ? ["Vector128", "Vector256", "Vector512", "Reference"] : ["Vector128", "Vector256", "Vector512"];
        foreach (var name in names)
            for (int i = 0; i < shapes; i++)
                data.Add(name, i);
        return data;
    }

    public static float[] Random(long length, int seed, float scale = 1f)
    {
        var random = new Random(seed);
        var data = new float[length];
        for (long i = 0; i < length; i++) data[i] = (float)(random.NextDouble() * 2 - 1) * scale;
        return data;
    }

    /// <summary>Largest absolute difference divided by the largest absolute reference value.</summary>
    public static double RelativeError(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double maxError = 0, maxValue = 1e-30;
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.False(float.IsNaN(actual[i]), $"NaN at {i}");
            maxError = Math.Max(maxError, Math.Abs(expected[i] - actual[i]));
            maxValue = Math.Max(maxValue, Math.Abs(expected[i]));
        }
        return maxError / maxValue;
    }

    public static float[] Forward(IConv2dKernel kernel, Conv2dGeometry g, float[] input, float[] weight, float[]? bias)
    {
        var output = new float[g.OutputLength];
        Array.Fill(output, float.NaN); // the kernel must overwrite every element
        fixed (float* i = input, w = weight, b = bias, o = output) kernel.Forward(g, i, w, b, o);
        return output;
    }

    public static float[] BackwardInput(IConv2dKernel kernel, Conv2dGeometry g, float[] gradOutput, float[] weight)
    {
        var gradInput = new float[g.InputLength];
        Array.Fill(gradInput, float.NaN);
        fixed (float* go = gradOutput, w = weight, gi = gradInput) kernel.BackwardInput(g, go, w, gi);
        return gradInput;
    }

    public static (float[] Weight, float[] Bias) BackwardWeight(IConv2dKernel kernel, Conv2dGeometry g, float[] input, float[] gradOutput)
    {
        var gradWeight = new float[g.WeightLength];
        var gradBias = new float[g.OutChannels];
        Array.Fill(gradWeight, float.NaN);
        Array.Fill(gradBias, float.NaN);
        fixed (float* i = input, go = gradOutput, gw = gradWeight, gb = gradBias) kernel.BackwardWeight(g, i, go, gw, gb);
        return (gradWeight, gradBias);
    }
}
