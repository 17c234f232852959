namespace SuperRes.Tensors.Tests;

public class ConvGradTests
{
    [Theory]
    [InlineData(1, 1, 0, 0, 0, 0)]
    [InlineData(3, 1, 1, 1, 1, 1)]
    [InlineData(3, 2, 1, 0, 2, 1)]
    [InlineData(2, 2, 0, 1, 1, 0)]
    public void Conv2d_StrideAndAsymmetricPadding_MatchesFiniteDifferences(int k, int stride, int top, int left, int bottom, int right)
    {
        var rng = new Rng(20);
        var x = GradCheck.Uniform(rng, -1, 1, 1, 3, 7, 5);
        var w = GradCheck.Uniform(rng, -0.5f, 0.5f, 4, 3, k, k);
        var b = GradCheck.Uniform(rng, -0.5f, 0.5f, 4);
        GradCheck.Check(t => Ops.Conv2d(t[0], t[1], t[2], stride, new Padding2d(top, left, bottom, right)), [x, w, b]);
    }

    [Fact]
    public void Conv2d_RectangularKernelNoBias_MatchesFiniteDifferences()
    {
        var rng = new Rng(21);
        var x = GradCheck.Uniform(rng, -1, 1, 2, 2, 6, 5);
        var w = GradCheck.Uniform(rng, -0.5f, 0.5f, 3, 2, 3, 2);
        GradCheck.Check(t => Ops.Conv2d(t[0], t[1], null, 1, 2, new Padding2d(1, 0, 1, 1)), [x, w]);
    }

    [Theory]
    [InlineData(3, 1, 0, 0)]
    [InlineData(4, 2, 1, 0)]
    [InlineData(3, 2, 1, 1)]
    [InlineData(3, 3, 0, 2)]
    [InlineData(4, 2, 0, 1)]
    public void ConvTranspose2d_StrideCropOutputPadding_MatchesFiniteDifferences(int k, int stride, int padding, int outputPadding)
    {
        var rng = new Rng(22);
        var x = GradCheck.Uniform(rng, -1, 1, 1, 3, 5, 4);
        var w = GradCheck.Uniform(rng, -0.5f, 0.5f, 3, 2, k, k);
        var b = GradCheck.Uniform(rng, -0.5f, 0.5f, 2);
        GradCheck.Check(t => Ops.ConvTranspose2d(t[0], t[1], t[2], stride, padding, outputPadding), [x, w, b]);
    }

    [Theory]
    [InlineData(3, 2, 0, 0, 1, 1)] // LapSRN's crop [0 1 0 1]
    [InlineData(4, 2, 1, 2, 0, 1)]
    public void ConvTranspose2d_Crop_MatchesFiniteDifferences(int k, int stride, int top, int left, int bottom, int right)
    {
        var rng = new Rng(24);
        var x = GradCheck.Uniform(rng, -1, 1, 1, 3, 5, 4);
        var w = GradCheck.Uniform(rng, -0.5f, 0.5f, 3, 2, k, k);
        var b = GradCheck.Uniform(rng, -0.5f, 0.5f, 2);
        GradCheck.Check(t => Ops.ConvTranspose2d(t[0], t[1], t[2], stride, new Padding2d(top, left, bottom, right)), [x, w, b]);
    }

    [Fact]
    public void ConvTranspose2d_OutputSize_MatchesPyTorchFormula()
    {
        using var tape = new Tape();
        var x = Tensor.Zeros(2, 3, 5, 4);
        var w = Tensor.Zeros(3, 2, 4, 4);
        var y = Ops.ConvTranspose2d(x, w, null, 2, 1, 1);
        Assert.Equal(new[] { 2, 2, (5 - 1) * 2 - 2 + 4 + 1, (4 - 1) * 2 - 2 + 4 + 1 }, y.Shape.ToArray());
    }

    [Fact]
    public void ConvTranspose2d_IsAdjointOfConv2d()
    {
        // <conv(x), y> == <x, convT(y)> for the same weight: the defining property.
        var rng = new Rng(23);
        using var tape = new Tape();
        var x = Tensor.RandomNormal(rng, 0, 1, 1, 2, 9, 7);
        var w = Tensor.RandomNormal(rng, 0, 1, 3, 2, 3, 3);
        var cx = Ops.Conv2d(x, w, null, 2, 1);
        var y = Tensor.RandomNormal(rng, 0, 1, cx.Shape.ToArray());
        var ty = Ops.ConvTranspose2d(y, w, null, 2, 1, 0);
        Assert.Equal(x.Shape.ToArray(), ty.Shape.ToArray());
        double lhs = Dot(cx, y), rhs = Dot(x, ty);
        Assert.Equal(lhs, rhs, 3);
    }

    private static double Dot(Tensor a, Tensor b)
    {
        double s = 0;
        var x = a.AsSpan(); var y = b.AsSpan();
        for (int i = 0; i < x.Length; i++) s += (double)x[i] * y[i];
        return s;
    }
}
