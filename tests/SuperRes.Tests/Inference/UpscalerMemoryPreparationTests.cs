using SuperRes.Imaging;
using SuperRes.Inference;
using SuperRes.Tensors;
using SuperRes.Tests.Evaluation;
using static SuperRes.Tests.Inference.InferenceTestModels;

namespace SuperRes.Tests.Inference;

/// <summary>
/// <see cref="Upscaler.PrepareMemoryFor"/>: the first pass takes its buffers from memory written
/// ahead on another thread, and gives the same image as a pass on freshly allocated buffers.
/// Runs alone: the pool and its counts are process-wide.
/// </summary>
[Collection(PoolMeasurementCollection.Name)]
public sealed class UpscalerMemoryPreparationTests
{
    [Fact]
    public void PreparedPass_AllocatesLess_AndEqualsAnUnpreparedOne()
    {
        var model = TinyLapSrn(scale: 4);
        var image = TestImages.Smooth(90, 70, 3, seed: 5);

        // Another runtime's network (here our engine behind a wrapper) gets no prepared memory.
        TensorPool.Trim();
        long before = TensorPool.AllocationCount;
        var plain = new Upscaler(new WrappedNetwork(new EngineNetwork(model))).Upscale(image);
        long plainAllocations = TensorPool.AllocationCount - before;

        TensorPool.Trim();
        var upscaler = new Upscaler(model);
        upscaler.PrepareMemoryFor(image.Width, image.Height);
        Assert.True(TensorPool.Arena.Size > 1 << 20, $"arena of {TensorPool.Arena.Size} bytes");
        WaitUntilWritten();
        before = TensorPool.AllocationCount;
        var prepared = upscaler.Upscale(image);
        long preparedAllocations = TensorPool.AllocationCount - before;
        var again = upscaler.Upscale(image); // the pooled buffers again, now holding the first pass's values

        Assert.True(preparedAllocations < plainAllocations / 2, $"{preparedAllocations} allocations prepared, {plainAllocations} not");
        Assert.Equal(plain.ToUInt16Array(), prepared.ToUInt16Array());
        Assert.Equal(plain.ToUInt16Array(), again.ToUInt16Array());
        TensorPool.Trim();
    }

    [Fact]
    public void PrepareMemoryFor_NonPositiveSize_OrAnotherRuntime_PreparesNothing()
    {
        TensorPool.Trim();
        new Upscaler(TinyLapSrn()).PrepareMemoryFor(0, 100);
        new Upscaler(new WrappedNetwork(new EngineNetwork(TinyLapSrn()))).PrepareMemoryFor(400, 300);
        Assert.Equal(0, TensorPool.Arena.Size);
    }

    private static void WaitUntilWritten()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (TensorPool.Arena is var (size, touched) && touched < size)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the arena is written {touched} of {size} bytes after 30 s");
            Thread.Sleep(1);
        }
    }

    /// <summary>A network the upscaler cannot see is our engine's.</summary>
    private sealed class WrappedNetwork(IInferenceNetwork inner) : IInferenceNetwork
    {
        public string Name => inner.Name;
        public int Channels => inner.Channels;
        public IReadOnlyList<int> Scales => inner.Scales;
        public double? BytesPerInputPixel(int scale) => inner.BytesPerInputPixel(scale);
        public float[] Run(float[] input, int height, int width, int scale) => inner.Run(input, height, width, scale);
    }
}
