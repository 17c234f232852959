using SuperRes.Inference;
using SuperRes.Models;
using SuperRes.Tensors;
using SuperRes.Tests.Evaluation;
using static SuperRes.Tests.Inference.InferenceTestModels;

namespace SuperRes.Tests.Inference;

/// <summary>
/// Tiled results equal untiled ones bit for bit at the built-in model's width (32 channels, so its
/// 3x3 convolutions run as Winograd F(4x4,3x3), or F(2x2,3x3) on small tiles) for any tile size, odd ones included.
/// </summary>
public class UpscalerTilingEqualityTests
{
    private static readonly LapSrn Model = new(new LapSrnOptions { Scale = 4, Channels = 1, Width = 32, Depth = 5 }, new Rng(21));

    [Theory]
    [InlineData(9)]
    [InlineData(17)]
    [InlineData(32)]
    [InlineData(0)] // from the memory budget
    public void UpscalePlanes_AnyTileSize_BitwiseEqualsOneTile(int tileSize)
    {
        var lr = RandomPlane(45, 37, seed: 5);
        var whole = new Upscaler(Model, options: new UpscalerOptions { TileSize = 64 }).UpscalePlanes([lr])[0];
        var upscaler = new Upscaler(Model, options: new UpscalerOptions { TileSize = tileSize });
        var tiled = upscaler.UpscalePlanes([lr])[0];
        Assert.Equal(0, upscaler.TileSize % 4);
        Assert.Equal(0, upscaler.Overlap % 4);
        Assert.Equal(whole.Data, tiled.Data);
    }

    [Fact]
    public void Upscale_Tile32AndDefault_SameSamples()
    {
        var image = TestImages.Smooth(61, 47, 3, seed: 8);
        var byDefault = new Upscaler(Model).Upscale(image);
        var tile32 = new Upscaler(Model, options: new UpscalerOptions { TileSize = 32 }).Upscale(image);
        Assert.True(byDefault.SamplesEqual(tile32));
    }
}
