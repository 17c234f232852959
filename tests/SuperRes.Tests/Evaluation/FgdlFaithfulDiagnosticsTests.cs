using SuperRes.Evaluation;
using SuperRes.Models;
using SuperRes.Models.Fgdl;
using SuperRes.Tensors;

namespace SuperRes.Tests.Evaluation;

public sealed class FgdlFaithfulDiagnosticsTests
{
    private static FgdlFaithfulNetwork Network(int maxRadius = 3, bool learned = true) =>
        new(new LapSrn(new LapSrnOptions { Scale = 4, Width = 4, Depth = 1 }, new Rng(1)),
            new FgdlOptions { Variant = FgdlVariant.Faithful, Bins = 8, MaxRadius = maxRadius, LearnedRadius = learned }, new Rng(2));

    private static (string, SuperRes.Imaging.Image)[] Images() =>
        [("a.png", TestImages.Smooth(36, 28, 3, seed: 3)), ("b.png", TestImages.Smooth(24, 32, 1, seed: 4))];

    private static double Psnr(FgdlDiagnosis d, string name) => d.Readouts.Single(r => r.Name == name).Psnr;

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Diagnose_BestInsideArea_BeatsTheReadoutsInsideTheArea(int scale)
    {
        using var network = Network();
        var d = FgdlFaithfulDiagnostics.Diagnose(network, "tiny", Images(), scale);

        Assert.Equal(FgdlFaithfulDiagnostics.Readouts, d.Readouts.Select(r => r.Name));
        var best = Psnr(d, FgdlFaithfulDiagnostics.BestInsideArea);
        foreach (var name in new[] { FgdlFaithfulDiagnostics.Output, FgdlFaithfulDiagnostics.ArgmaxCentre, FgdlFaithfulDiagnostics.AreaCentre })
            Assert.True(best >= Psnr(d, name) - 0.05, $"{name}: {Psnr(d, name)} above best inside {best}");
        Assert.InRange(d.AreaHitRate, d.Top1Accuracy, 1.0);
        Assert.InRange(d.MeanRadius, 1.0, 3.0);
    }

    [Fact]
    public void Diagnose_ZeroBinConv_OutputStaysNearTheUpsampledImage()
    {
        // The bin conv starts at zero: the output is u pulled toward bin centres by at most 0.233
        // bin widths (0.029 at K = 8), so its PSNR is within a few dB of u's, and the mean radius is
        // the Class-Module's (at least 1).
        using var network = Network();
        var d = FgdlFaithfulDiagnostics.Diagnose(network, "tiny", Images(), 4);
        Assert.InRange(Psnr(d, FgdlFaithfulDiagnostics.Output) - Psnr(d, FgdlFaithfulDiagnostics.Upsampled), -3.0, 3.0);
        Assert.True(d.MeanRadius >= 1);
    }

    [Fact]
    public void Diagnose_ScaleBeyondTheLevels_Throws()
    {
        using var network = Network();
        Assert.Throws<ArgumentException>(() => FgdlFaithfulDiagnostics.Diagnose(network, "tiny", Images(), 8));
    }
}
