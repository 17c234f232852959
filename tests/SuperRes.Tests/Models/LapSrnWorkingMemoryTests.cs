using SuperRes.Inference;
using SuperRes.Models;
using SuperRes.Tensors;

namespace SuperRes.Tests.Models;

/// <summary>
/// LapSRN declares the tensor memory of an inference pass instead of having the tiler probe it:
/// the figure must cover what the probe measures on the engine's pool (or tiles would outgrow the
/// budget) without wasting much of the budget (or tiles would shrink for nothing).
/// </summary>
[Collection(PoolMeasurementCollection.Name)]
public sealed class LapSrnWorkingMemoryTests
{
    [Theory]
    [InlineData(1, 8, 2, 2)]
    [InlineData(1, 16, 1, 4)]
    [InlineData(1, 16, 3, 8)]
    [InlineData(1, 32, 5, 2)]
    [InlineData(1, 32, 2, 4)]
    [InlineData(1, 32, 1, 8)]
    [InlineData(1, 64, 2, 2)]
    [InlineData(1, 64, 1, 4)]
    [InlineData(1, 64, 1, 8)]
    [InlineData(3, 16, 2, 4)]
    [InlineData(3, 32, 1, 2)]
    [InlineData(3, 32, 2, 4)]
    [InlineData(3, 32, 1, 8)]
    [InlineData(3, 64, 1, 4)]
    public void Declared_CoversTheProbedMemory_WithinAFactorOf16Tenths(int channels, int width, int depth, int scale)
    {
        // An x8 model serves x2 and x4 too: check the figure at the scale run, on a model with more levels.
        var model = new LapSrn(new LapSrnOptions { Channels = channels, Width = width, Depth = depth, Scale = 8 }, new Rng(3));
        var network = new TileNetwork(new EngineNetwork(model), scale, ensemble: false);

        double measured = ModelProbe.MeasureBytesPerPixel(network, channels, ModelProbe.MemoryProbeSize);
        double declared = network.BytesPerInputPixel!.Value;

        Assert.InRange(declared / measured, 1.0, 1.6);
    }

    [Fact]
    public void Declared_OnlyForTheScalesTheModelServes()
    {
        var model = new LapSrn(new LapSrnOptions { Width = 8, Depth = 1, Scale = 4 }, new Rng(3));
        Assert.NotNull(model.WorkingBytesPerInputPixel(2));
        Assert.NotNull(model.WorkingBytesPerInputPixel(4));
        Assert.Null(model.WorkingBytesPerInputPixel(8));
        Assert.Null(model.WorkingBytesPerInputPixel(3));
        Assert.Null(model.WorkingBytesPerInputPixel(1));
    }
}
