using System.Runtime.Intrinsics;
using SuperRes.Tensors.Kernels;
using Xunit.Abstractions;

namespace SuperRes.Tensors.Tests.Kernels;

public unsafe class Conv2dKernelsTests(ITestOutputHelper output)
{
    [Fact]
    public void Best_OnThisCpu_IsWidestAcceleratedPath()
    {
        IConv2dKernel expected = Vector512.IsHardwareAccelerated ? Conv2dKernels.Vector512
            : Vector256.IsHardwareAccelerated ? Conv2dKernels.Vector256
            : Vector128.IsHardwareAccelerated ? Conv2dKernels.Vector128 : Conv2dKernels.Reference;
        output.WriteLine($"best: {Conv2dKernels.Best}; accelerated: {string.Join(", ", Conv2dKernels.Accelerated)}");
        if (!Vector512.IsHardwareAccelerated)
            output.WriteLine("Vector512 is not accelerated here: its tests run the same code in software emulation.");
        Assert.Same(expected, Conv2dKernels.Best);
    }

    [Fact]
    // Counts the calling thread (other test classes run in parallel); workers run kernel code only.
    public void Forward_SteadyState_AllocatesNothingManaged()
    {
        var g = new Conv2dGeometry(2, 16, 24, 24, 16, 3, 3, 1, 1, 1, 1, 1, 1); // large enough to go parallel
        var input = ConvTestData.Random(g.InputLength, 1);
        var weight = ConvTestData.Random(g.WeightLength, 2);
        var output = new float[g.OutputLength];
        var gradInput = new float[g.InputLength];
        var gradWeight = new float[g.WeightLength];
        var gradBias = new float[g.OutChannels];
        var kernel = Conv2dKernels.Best;
        fixed (float* i = input, w = weight, o = output, gi = gradInput, gw = gradWeight, gb = gradBias)
        {
            for (int r = 0; r < 3; r++) Pass(kernel, g, i, w, o, gi, gw, gb); // warm up: scratch, workers, JIT
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int r = 0; r < 5; r++) Pass(kernel, g, i, w, o, gi, gw, gb);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, allocated);
        }
    }

    private static void Pass(IConv2dKernel kernel, in Conv2dGeometry g, float* i, float* w, float* o, float* gi, float* gw, float* gb)
    {
        kernel.Forward(g, i, w, gb, o);
        kernel.BackwardInput(g, o, w, gi);
        kernel.BackwardWeight(g, i, o, gw, gb);
    }

    [Fact]
    public void Forward_NegativePadding_ThrowsClearError()
    {
        var g = new Conv2dGeometry(1, 1, 4, 4, 1, 3, 3, PadTop: -1);
        var data = new float[64];
        nint address;
        fixed (float* p = data) address = (nint)p; // never dereferenced: the check comes first
        var ex = Assert.Throws<ArgumentException>(() =>
            Conv2dKernels.Vector256.Forward(g, (float*)address, (float*)address, null, (float*)address));
        Assert.Contains("padding", ex.Message);
    }

    [Fact]
    public void PrepareForward_CompilesTheForwardKernels_NotTheTrainingOnes()
    {
        var prepared = Conv2dKernels.PrepareForward();
        if (Conv2dKernels.Best == Conv2dKernels.Reference)
        {
            Assert.Empty(prepared); // nothing to compile ahead on a CPU without vector kernels
            return;
        }
        foreach (var name in new[] { "ForwardItem", "WinogradItem", "SubPixelOutputPhase", "UpsampleItem", "UpsampleOutputRow", "Tile", "TileOneRow", "Zip", "InterleaveItem", "Chunk" })
            Assert.Contains(name, prepared);
        foreach (var name in new[] { "BackwardInput", "BackwardWeight", "WeightItem", "Col2ImItem" })
            Assert.DoesNotContain(name, prepared);
        Conv2dKernels.PrepareInBackground(); // once per process, whatever the number of calls
        Conv2dKernels.PrepareInBackground();
    }
}
