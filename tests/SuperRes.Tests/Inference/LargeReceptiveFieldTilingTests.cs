using SuperRes.Inference;
using SuperRes.Models;
using SuperRes.Processing;

namespace SuperRes.Tests.Inference;

/// <summary>Tiling of networks whose receptive field is declared rather than probed (RRDBNet).</summary>
public class LargeReceptiveFieldTilingTests
{
    private static string Fixture(string name) => Path.Combine(TestPaths.RepositoryRoot, "tests", "fixtures", "community", name);

    [Fact]
    public void KnownTiling_RrdbNet_CoversTheProbedRadius()
    // The probe sees only changes that survive float rounding (each RRDB scales its branch by 0.2),
    // so it finds less than the declared radius, never more.
    {
        using var model = ModelLoader.Load(Fixture("rrdbnet_x4.pth"));
        var probed = ModelProbe.MeasureReach(new TileNetwork(new EngineNetwork(model), 4, ensemble: false), 3);
        var known = model.KnownTiling!.Value;
        Assert.InRange(probed.Radius, 1, known.Radius);
        Assert.Equal(probed.Alignment, known.Alignment);
    }

    [Theory]
    [InlineData("rrdbnet_x4.pth")]
    [InlineData("rrdbnet_x2.pth")]
    public void UpscalePlanes_SmallTilesWithCappedOverlap_WithinOneLevelOfWholeImage(string weights)
    {
        using var model = ModelLoader.Load(Fixture(weights));
        const int side = 96;
        var random = new Random(21);
        var planes = Enumerable.Range(0, 3).Select(_ => new Plane(side, side)).ToArray();
        foreach (var p in planes)
            for (int y = 0; y < side; y++)
                for (int x = 0; x < side; x++)
                    p.Data[y * side + x] = (float)(127 + 100 * Math.Sin(x * 0.11 + y * 0.07) + 20 * random.NextDouble());
        var whole = new Upscaler(model, options: new UpscalerOptions { TileSize = side, Overlap = 0 }).UpscalePlanes(planes);
        var upscaler = new Upscaler(model, options: new UpscalerOptions { TileSize = 16 });
        Assert.Equal(Upscaler.MaxAutomaticOverlap, upscaler.Overlap);
        var tiled = upscaler.UpscalePlanes(planes);
        double worst = 0;
        for (int c = 0; c < 3; c++)
            for (int i = 0; i < whole[c].Data.Length; i++) worst = Math.Max(worst, Math.Abs(whole[c].Data[i] - tiled[c].Data[i]));
        Assert.True(worst <= 1.0, $"tiles differ from the whole image by {worst} levels of 255");
    }
}
