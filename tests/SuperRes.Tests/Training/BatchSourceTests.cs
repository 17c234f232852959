using SuperRes.Evaluation;
using SuperRes.Processing;
using SuperRes.Training.Data;

namespace SuperRes.Tests.Training;

public class BatchSourceTests
{
    private static BatchSource Source(long seed)
    {
        var random = new TrainingRandom(11);
        var images = Enumerable.Range(0, 4).Select(_ =>
        {
            var p = new Plane(32, 24);
            for (var i = 0; i < p.Data.Length; i++) p.Data[i] = (float)(255 * random.NextDouble());
            return new[] { p, p.Clone(), p.Clone() };
        }).ToArray();
        var set = TrainingImageSet.FromPlanes(images, SuperResolverInput.Color);
        return new BatchSource(new PatchSampler(set, new PatchOptions(8, 2, MinDownscale: 0.6, MultiLevel: false)), 3, seed);
    }

    [Fact]
    public void Create_SameSeedAndStep_SameBatchWhateverTheOrder()
    {
        var a = Source(5);
        var b = Source(5);
        var b7 = b.Create(7, parallel: true);
        a.Create(3);
        var a7 = a.Create(7, parallel: false);
        Assert.Equal(a7.Input.Data, b7.Input.Data);
        Assert.Equal(a7.HighResolution.Data, b7.HighResolution.Data);
        Assert.NotEqual(a7.Input.Data, a.Create(8).Input.Data);
        Assert.NotEqual(a7.Input.Data, Source(6).Create(7).Input.Data);
    }

    [Fact]
    public void Create_Shapes_AreNchwScaledToUnit()
    {
        var batch = Source(1).Create(0);
        Assert.Equal(new[] { 3, 3, 4, 4 }, batch.Input.Shape);
        Assert.Equal(new[] { 3, 3, 8, 8 }, batch.HighResolution.Shape);
        Assert.All(batch.HighResolution.Data, v => Assert.InRange(v, -0.2f, 1.2f));
    }

    [Fact]
    public void Prefetcher_ReturnsConsecutiveStepsEqualToDirectCreation()
    {
        var source = Source(9);
        using var prefetcher = new BatchPrefetcher(source, 10, 14, capacity: 2);
        for (var step = 10; step < 14; step++)
        {
            var batch = prefetcher.Next();
            Assert.Equal(step, batch.Step);
            Assert.Equal(source.Create(step).Input.Data, batch.Input.Data);
        }
        Assert.Throws<InvalidOperationException>(() => prefetcher.Next());
    }

    [Fact]
    public void Random_For_DiffersByKeyAndIsReproducible()
    {
        Assert.Equal(TrainingRandom.For(1, 2, 3).NextUInt64(), TrainingRandom.For(1, 2, 3).NextUInt64());
        Assert.NotEqual(TrainingRandom.For(1, 2, 3).NextUInt64(), TrainingRandom.For(1, 3, 2).NextUInt64());
        var r = new TrainingRandom(4);
        var counts = new int[5];
        for (var i = 0; i < 5000; i++) counts[r.NextInt(5)]++;
        Assert.All(counts, c => Assert.InRange(c, 850, 1150));
    }
}
