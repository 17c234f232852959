namespace SuperRes.Tensors.Tests;

public class CompositeGradTests
{
    [Theory]
    [InlineData(1, 3, 7, 5)]
    [InlineData(2, 13, 9, 11)]
    public void CharbonnierAndMse_MatchFiniteDifferences(int n, int c, int h, int w)
    {
        var rng = new Rng(70);
        var a = GradCheck.Uniform(rng, -1, 1, n, c, h, w);
        var b = GradCheck.Uniform(rng, -1, 1, n, c, h, w);
        GradCheck.Check(x => Ops.Charbonnier(x[0], x[1], 0.1f), [a, b], eps: 1e-3);
        GradCheck.Check(x => Ops.MseLoss(x[0], x[1]), [a, b], eps: 1e-3, atol: 1e-4);
    }
}
