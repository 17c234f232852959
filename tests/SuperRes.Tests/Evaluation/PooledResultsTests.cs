using SuperRes.Evaluation;

namespace SuperRes.Tests.Evaluation;

public sealed class PooledResultsTests
{
    private static DatasetResult Result(string dataset, int scale, params double[] psnr) =>
        new(dataset, scale, "m", psnr.Select((p, i) => new ImageScore($"{i}.png", p, 0.5, 0.1)).ToArray(), [], 1.5);

    [Fact]
    public void Pool_WeighsEveryImageOnce_NotEverySet()
    {
        var small = Result("Set5", 4, 30, 32);
        var large = Result("BSD100", 4, 20, 20, 20, 20, 20, 20);

        var pooled = Assert.Single(PooledResults.Pool([small, large]));

        Assert.Equal("pooled (Set5+BSD100)", pooled.Dataset);
        Assert.Equal(8, pooled.Images.Count);
        Assert.Equal((30 + 32 + 6 * 20) / 8.0, pooled.Psnr, 12);
        Assert.NotEqual((small.Psnr + large.Psnr) / 2, pooled.Psnr, 6);
        Assert.Equal(3.0, pooled.Seconds, 12);
        Assert.Contains(pooled.Images, i => i.Name == "Set5/0.png");
    }

    [Fact]
    public void Pool_OneSetPerScale_GivesNothing_ScalesApart()
    {
        var pooled = PooledResults.Pool([Result("A", 2, 1), Result("A", 4, 2), Result("B", 4, 3)]);

        var only = Assert.Single(pooled);
        Assert.Equal(4, only.Scale);
        Assert.Equal(2.5, only.Psnr, 12);
    }
}
