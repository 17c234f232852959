using SuperRes.Models.Fgdl;
using SuperRes.Losses;

namespace SuperRes.Tests.Losses;

public class AnchorAreasTests
{
    // Logits laid out [1 group, K bins, 1 pixel]: one pixel's K logits.
    private static float[] LogitsFor(params double[] probabilities) => probabilities.Select(p => (float)Math.Log(p)).ToArray();

    [Theory]
    [InlineData(0f, 8, 0)]
    [InlineData(0.124f, 8, 0)]
    [InlineData(0.125f, 8, 1)]
    [InlineData(0.99f, 8, 7)]
    [InlineData(1f, 8, 7)]
    [InlineData(1.2f, 8, 7)]
    [InlineData(-0.1f, 8, 0)]
    public void TruthBin_FloorOfYK_ClippedToLastBin(float y, int bins, int expected) =>
        Assert.Equal(expected, AnchorAreas.TruthBin(y, bins));

    [Fact]
    public void Compute_ConfidentPixel_ClassModuleGivesRadiusZero()
    {
        var logits = LogitsFor(0.01, 0.01, 0.95, 0.01, 0.01, 0.005, 0.005, 0.0);
        logits[7] = -50f;
        var areas = AnchorAreas.Compute(logits, 1, 1, new FgdlOptions { Bins = 8, Tau = 0.9 });
        Assert.Equal(2, areas.PredictedBin[0]);
        Assert.Equal(0, areas.Radius[0]);
        Assert.Equal(2f / 8, areas.Lo[0]);
        Assert.Equal(3f / 8, areas.Hi[0]);
    }

    [Fact]
    public void Compute_SpreadPixel_ClassModuleWidensUntilTauIsHeld()
    {
        // Mass around bin 4: 0.4, +-1: 0.7, +-2: 0.92 -> r = 2 for tau 0.9; r = 1 for tau 0.69.
        var logits = LogitsFor(0.02, 0.02, 0.11, 0.15, 0.4, 0.15, 0.11, 0.04);
        var wide = AnchorAreas.Compute(logits, 1, 1, new FgdlOptions { Bins = 8, Tau = 0.9 });
        Assert.Equal(4, wide.PredictedBin[0]);
        Assert.Equal(2, wide.Radius[0]);
        Assert.Equal(2f / 8, wide.Lo[0]);
        Assert.Equal(7f / 8, wide.Hi[0]);
        var narrow = AnchorAreas.Compute(logits, 1, 1, new FgdlOptions { Bins = 8, Tau = 0.69 });
        Assert.Equal(1, narrow.Radius[0]);
        var capped = AnchorAreas.Compute(logits, 1, 1, new FgdlOptions { Bins = 8, Tau = 0.99, MaxRadius = 1 });
        Assert.Equal(1, capped.Radius[0]);
    }

    [Fact]
    public void Compute_Training_WidensToContainTheTruth()
    {
        var logits = LogitsFor(0.01, 0.01, 0.95, 0.01, 0.01, 0.005, 0.005, 0.0);
        logits[7] = -50f;
        var options = new FgdlOptions { Bins = 8, Variant = FgdlVariant.FixedRadius, FixedRadius = 0 };
        var areas = AnchorAreas.Compute(logits, 1, 1, options, [0.7f]); // truth bin 5, predicted 2
        Assert.Equal(3, areas.Radius[0]);
        Assert.Equal(0f, areas.Lo[0]); // (2 - 3)/8 clipped
        Assert.Equal(6f / 8, areas.Hi[0]);
        Assert.InRange(0.7f, areas.Lo[0], areas.Hi[0]);
        var notWidened = AnchorAreas.Compute(logits, 1, 1, options with { WidenToTruth = false }, [0.7f]);
        Assert.Equal(0, notWidened.Radius[0]);
    }

    [Fact]
    public void Compute_LayoutIsGroupBinPixel()
    {
        // Two pixels: pixel 0 prefers bin 1, pixel 1 prefers bin 0 (logits [bin0 p0, bin0 p1, bin1 p0, bin1 p1]).
        var areas = AnchorAreas.Compute([0f, 5f, 5f, 0f], 1, 2, new FgdlOptions { Bins = 2, Variant = FgdlVariant.FixedRadius, FixedRadius = 0 });
        Assert.Equal(new[] { 1, 0 }, areas.PredictedBin);
    }

    [Fact]
    public void Compute_WrongLength_Throws() =>
        Assert.Throws<ArgumentException>(() => AnchorAreas.Compute(new float[5], 1, 1, new FgdlOptions { Bins = 4 }));
}
