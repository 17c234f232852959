namespace SuperRes.Tensors.Tests;

/// <summary>Tensors above the parallel threshold take the split path; it must agree with plain arithmetic.</summary>
public class ParallelPathTests
{
    [Fact]
    public void LeakyReluAndAdd_LargeTensor_MatchScalarFormula()
    {
        var rng = new Rng(60);
        var x = Tensor.RandomNormal(rng, 0, 1, 1, 4, 129, 131).Persist();
        x.RequiresGrad = true;
        var b = Tensor.RandomNormal(rng, 0, 1, 1, 4, 129, 131).Persist();
        using var tape = new Tape();
        var y = Ops.LeakyRelu(x, 0.2f) + b;
        Ops.Sum(y * b).Backward();
        var xs = x.ToArray(); var bs = b.ToArray(); var ys = y.ToArray(); var gs = x.Grad!.ToArray();
        for (int i = 0; i < xs.Length; i++)
        {
            Assert.Equal((xs[i] > 0 ? xs[i] : 0.2f * xs[i]) + bs[i], ys[i], 5);
            Assert.Equal(xs[i] > 0 ? bs[i] : 0.2f * bs[i], gs[i], 5);
        }
    }

    [Fact]
    public void Resize_LargeBatch_MatchesPerImageResult()
    {
        var rng = new Rng(61);
        using var tape = new Tape();
        var x = Tensor.RandomNormal(rng, 0, 1, 8, 3, 40, 40);
        var all = Ops.Upsample(x, 2, ResampleMode.Bicubic);
        var last = Ops.Upsample(Ops.Slice(x, 0, 7, 1), 2, ResampleMode.Bicubic);
        Assert.Equal(last.ToArray(), Ops.Slice(all, 0, 7, 1).ToArray());
    }
}
