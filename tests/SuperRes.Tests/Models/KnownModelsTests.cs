using SuperRes.Models;
using SuperRes.Tensors;

namespace SuperRes.Tests.Models;

public class KnownModelsTests
{
    [Theory]
    // Parameter counts of the published configurations, counted by hand from the papers' layers.
    [InlineData("srcnn", 3, 64 * 81 + 64 + 64 * 32 * 25 + 32 + 32 * 25 + 1)]
    [InlineData("vdsr", 4, 64 * 9 + 64 + 18 * (64 * 64 * 9 + 64) + 64 * 9 + 1)]
    [InlineData("edsr-baseline", 4, 1_517_571)]
    [InlineData("lapsrn", 4, 640 + 2 * (11 * (64 * 64 * 9 + 64) + 64 * 9 + 1 + 16))]
    [InlineData("fsrcnn", 3, 25 * 56 + 56 + 56 + 56 * 12 + 12 + 12 + 4 * (9 * 144 + 12 + 12) + 12 * 56 + 56 + 56 + 81 * 56 + 1)]
    public void Create_DefaultOptions_PublishedParameterCount(string name, int scale, long expected)
    {
        var d = KnownModels.Get(name);
        var options = d.DefaultOptions with { Scale = scale };
        using var model = d.Create(options, new Rng(1));
        Assert.Equal(expected, model.ParameterCount());
        Assert.Equal(name, model.Architecture);
    }

    [Fact]
    public void GflopsPerOutputMegapixel_Vdsr_MatchesLayerCount()
    {
        using var model = KnownModels.Vdsr.Create(new VdsrOptions { Scale = 2 }, new Rng(1));
        // 2 * (64*9 + 18*64*64*9 + 64*9) multiply-adds per output pixel.
        Assert.Equal(2.0 * (576 + 18 * 36864 + 576) / 1000, model.GflopsPerOutputMegapixel, 6);
    }

    [Fact]
    public void Get_UnknownName_ThrowsListingKnown()
    {
        var ex = Assert.Throws<ArgumentException>(() => KnownModels.Get("nope"));
        Assert.Contains("lapsrn", ex.Message);
    }

    [Fact]
    public void ParseOptions_SerializedOptions_RoundTrip()
    {
        var options = new ResUNetOptions { Scale = 8, Width = 16, Levels = 3, Upsampling = ResUNetUpsampling.PixelShuffle };
        string json = KnownModels.ResUNet.SerializeOptions(options);
        Assert.Contains("PixelShuffle", json);
        Assert.Equal(options, KnownModels.ResUNet.ParseOptions(json));
    }

    [Fact]
    public void ParseOptions_InvalidValues_Throws()
    {
        Assert.Throws<ArgumentException>(() => KnownModels.LapSrn.ParseOptions("{\"Scale\":3}"));
        Assert.Throws<ArgumentException>(() => KnownModels.Vdsr.ParseOptions("{\"Channels\":2}"));
        Assert.Throws<ArgumentException>(() => KnownModels.Vdsr.ParseOptions("not json"));
    }

    [Fact]
    public void Create_WrongOptionsType_Throws() =>
        Assert.Throws<ArgumentException>(() => KnownModels.Vdsr.Create(new SrcnnOptions(), new Rng(1)));
}
