using SuperRes.Evaluation;

namespace SuperRes.Tests.Evaluation;

public sealed class PairedComparisonTests
{
    private static ImageScore S(string name, double psnr, double ssim = 0.5) => new(name, psnr, ssim, 0.1);

    [Fact]
    public void Compare_PairsByName_CountsWinsTiesLossesAndMeans()
    {
        ImageScore[] a = [S("x", 30, 0.80), S("y", 31, 0.81), S("z", 28, 0.70), S("only-a", 99)];
        ImageScore[] b = [S("z", 27, 0.60), S("x", 30.5, 0.90), S("y", 31, 0.81), S("only-b", 1)];

        var r = PairedComparison.Compare("Set", 4, a, b);

        Assert.Equal(3, r.Images);
        Assert.Equal((1, 1, 1), (r.Wins, r.Ties, r.Losses));
        Assert.Equal((0.5 + 0 - 1) / 3, r.MeanPsnrDifference, 12);
        Assert.Equal((0.1 + 0 - 0.1) / 3, r.MeanSsimDifference, 12);
        Assert.Equal((30 + 31 + 28) / 3.0, r.PsnrA, 12);
        Assert.Equal((30.5 + 31 + 27) / 3.0, r.PsnrB, 12);
        Assert.Equal(0.5, r.WinRate, 12);
        Assert.Equal(1.0, r.SignTestP);
    }

    [Fact]
    public void Compare_NonFinitePsnr_IsLeftOut()
    {
        var r = PairedComparison.Compare("Set", 2, [S("x", double.PositiveInfinity), S("y", 20)], [S("x", 40), S("y", 21)]);

        Assert.Equal(1, r.Images);
        Assert.Equal(1.0, r.MeanPsnrDifference, 12);
    }

    [Fact]
    public void Compare_DuplicateName_Throws()
    {
        Assert.Throws<ArgumentException>(() => PairedComparison.Compare("Set", 2, [S("x", 1), S("x", 2)], [S("x", 1)]));
    }

    [Fact]
    public void Compare_BWinsEverywhere_SmallPValue()
    {
        var a = Enumerable.Range(0, 20).Select(i => S($"i{i}", 25 + i * 0.1)).ToArray();
        var b = a.Select(s => s with { Psnr = s.Psnr + 0.05 }).ToArray();

        var r = PairedComparison.Compare("Set", 4, a, b);

        Assert.Equal(20, r.Wins);
        Assert.Equal(2 * Math.Pow(0.5, 20), r.SignTestP, 15);
    }
}
