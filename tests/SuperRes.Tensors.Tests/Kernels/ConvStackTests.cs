using SuperRes.Tensors.Kernels;

namespace SuperRes.Tensors.Tests.Kernels;

/// <summary>Errors must not grow out of hand through a deep SR-like stack of 3x3 convs.</summary>
public class ConvStackTests
{
    private const int Layers = 20, Size = 16, Features = 64;

    private static Conv2dGeometry Layer(int index)
    {
        int cin = index == 0 ? 3 : Features, cout = index == Layers - 1 ? 3 : Features;
        return new Conv2dGeometry(1, cin, Size, Size, cout, 3, 3, 1, 1, 1, 1, 1, 1);
    }

    private static float[] RunStack(IConv2dKernel kernel)
    {
        var x = ConvTestData.Random(3 * Size * Size, 7);
        for (int l = 0; l < Layers; l++)
        {
            var g = Layer(l);
            // He-scaled weights keep activations of order one through the stack.
            float scale = MathF.Sqrt(6f / (g.InChannels * 9));
            var w = ConvTestData.Random(g.WeightLength, 1000 + l, scale);
            var b = ConvTestData.Random(g.OutChannels, 2000 + l, 0.1f);
            x = ConvTestData.Forward(kernel, g, x, w, b);
            if (l < Layers - 1)
                for (int i = 0; i < x.Length; i++) x[i] = x[i] >= 0 ? x[i] : 0.2f * x[i]; // LeakyReLU
        }
        return x;
    }

    [Theory]
    [InlineData("Vector128")]
    [InlineData("Vector256")]
    [InlineData("Best")]
    public void Forward_TwentyLayerStack_WithinRelativeTolerance(string kernel)
    {
        var expected = RunStack(Conv2dKernels.Reference);
        var actual = RunStack(SimdConv2dKernelTests.KernelByName(kernel));
        Assert.True(expected.Max(MathF.Abs) > 1e-3f, "activations vanished: the test would prove nothing");
        Assert.InRange(ConvTestData.RelativeError(expected, actual), 0, 1e-4);
    }
}
