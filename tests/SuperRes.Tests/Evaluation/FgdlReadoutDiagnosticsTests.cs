using SuperRes.Models.Fgdl;
using SuperRes.Evaluation;
using SuperRes.Losses;
using SuperRes.Models;
using SuperRes.Tensors;

namespace SuperRes.Tests.Evaluation;

public sealed class FgdlReadoutDiagnosticsTests
{
    private static FgdlNetwork Network(FgdlOptions options) =>
        FgdlNetwork.Create(new LapSrn(new LapSrnOptions { Scale = 4, Width = 4, Depth = 1 }, new Rng(1)), options, new Rng(2));

    private static (string, SuperRes.Imaging.Image)[] Images() =>
        [("a.png", TestImages.Smooth(36, 28, 3, seed: 3)), ("b.png", TestImages.Smooth(24, 32, 1, seed: 4))];

    private static FgdlReadout Readout(FgdlDiagnosis d, string name) => d.Readouts.Single(r => r.Name == name);

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Diagnose_BestInsideArea_BeatsEveryReadoutInsideTheArea(int scale)
    {
        using var network = Network(new FgdlOptions { Bins = 8, Variant = FgdlVariant.ClassModule, Tau = 0.6, MaxRadius = 2 });

        var d = FgdlReadoutDiagnostics.Diagnose(network, "tiny", Images(), scale);

        Assert.Equal(2, d.Images);
        double best = Readout(d, FgdlReadoutDiagnostics.BestInsideArea).Psnr;
        foreach (var name in new[] { FgdlReadoutDiagnostics.Heads, FgdlReadoutDiagnostics.AreaCentre, FgdlReadoutDiagnostics.ArgmaxCentre })
            Assert.True(best >= Readout(d, name).Psnr - 0.05, $"{name}: {Readout(d, name).Psnr} above best inside {best}");
        Assert.InRange(d.AreaHitRate, d.Top1Accuracy, 1.0);
        Assert.InRange(d.MeanRadius, 0.0, 2.0);
    }

    [Fact]
    public void Diagnose_FixedRadiusCoveringAllBins_HitsEverywhereAndRecoversTheTruth()
    {
        using var network = Network(new FgdlOptions { Bins = 4, Variant = FgdlVariant.FixedRadius, FixedRadius = 4 });

        var d = FgdlReadoutDiagnostics.Diagnose(network, "tiny", Images(), 4);

        Assert.Equal(1.0, d.AreaHitRate);
        Assert.Equal(4.0, d.MeanRadius);
        // The truth itself, rounded to 8 bits: far above anything a random network reads out.
        Assert.True(Readout(d, FgdlReadoutDiagnostics.BestInsideArea).Psnr > 50);
        // Areas that already hold the truth are not widened: the oracle is the heads' output.
        Assert.Equal(Readout(d, FgdlReadoutDiagnostics.Heads).Psnr, Readout(d, FgdlReadoutDiagnostics.OracleWidened).Psnr, 9);
    }

    [Fact]
    public void Diagnose_FixedRadiusZero_HitRateIsTopOneAndArgmaxIsAreaCentre()
    {
        using var network = Network(new FgdlOptions { Bins = 8, Variant = FgdlVariant.FixedRadius, FixedRadius = 0 });

        var d = FgdlReadoutDiagnostics.Diagnose(network, "tiny", Images(), 2);

        Assert.Equal(d.Top1Accuracy, d.AreaHitRate);
        Assert.Equal(0.0, d.MeanRadius);
        Assert.Equal(Readout(d, FgdlReadoutDiagnostics.AreaCentre).Psnr, Readout(d, FgdlReadoutDiagnostics.ArgmaxCentre).Psnr, 9);
    }

    [Fact]
    public void Diagnose_ScaleBeyondTheLevels_Throws()
    {
        using var network = Network(new FgdlOptions());

        Assert.Throws<ArgumentException>(() => FgdlReadoutDiagnostics.Diagnose(network, "tiny", Images(), 8));
    }
}
