namespace SuperRes.Tensors.Tests;

public class RngTests
{
    [Fact]
    public void SameSeed_TwoGenerators_GiveSameStream()
    {
        var a = new Rng(42);
        var b = new Rng(42);
        for (int i = 0; i < 1000; i++) Assert.Equal(a.NextUInt64(), b.NextUInt64());
        var c = new Rng(43);
        Assert.NotEqual(new Rng(42).NextUInt64(), c.NextUInt64());
    }

    [Fact]
    public void Position_Resumes_CounterBasedStream()
    {
        var a = new Rng(7);
        for (int i = 0; i < 10; i++) a.NextUInt64();
        var b = new Rng(7) { Position = 10 };
        Assert.Equal(a.NextUInt64(), b.NextUInt64());
    }

    [Fact]
    public void FillNormal_HasStandardMoments()
    {
        var data = new float[200_000];
        new Rng(1).FillNormal(data, 2f, 3f);
        double mean = data.Average(v => (double)v);
        double var = data.Average(v => (v - mean) * (v - mean));
        double skew = data.Average(v => Math.Pow((v - mean) / Math.Sqrt(var), 3));
        double kurt = data.Average(v => Math.Pow((v - mean) / Math.Sqrt(var), 4));
        Assert.InRange(mean, 2 - 0.03, 2 + 0.03);
        Assert.InRange(Math.Sqrt(var), 3 * 0.99, 3 * 1.01);
        Assert.InRange(skew, -0.03, 0.03);
        Assert.InRange(kurt, 3 - 0.06, 3 + 0.06);
    }

    [Fact]
    public void FillUniform_HasUniformMomentsAndRange()
    {
        var data = new float[200_000];
        new Rng(2).FillUniform(data, -1f, 3f);
        Assert.All(data, v => Assert.InRange(v, -1f, 3f));
        double mean = data.Average(v => (double)v);
        double var = data.Average(v => (v - mean) * (v - mean));
        Assert.InRange(mean, 1 - 0.02, 1 + 0.02);
        Assert.InRange(var, 16.0 / 12 * 0.98, 16.0 / 12 * 1.02);
        // Each quarter of the range holds about a quarter of the values.
        for (int q = 0; q < 4; q++)
            Assert.InRange(data.Count(v => v >= -1 + q && v < q), 49_000, 51_000);
    }

    [Fact]
    public void Fork_GivesDistinctReproducibleStreams()
    {
        var root = new Rng(5);
        Assert.Equal(root.Fork(1).NextUInt64(), new Rng(5).Fork(1).NextUInt64());
        Assert.NotEqual(root.Fork(1).NextUInt64(), root.Fork(2).NextUInt64());
    }
}
