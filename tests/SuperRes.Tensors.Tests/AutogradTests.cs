namespace SuperRes.Tensors.Tests;

[Collection(SerialCollection.Name)]
public class AutogradTests
{
    [Fact]
    public void Backward_CalledTwice_AccumulatesUntilZeroed()
    {
        var x = Tensor.FromArray([1, 2, 3], 3).Persist();
        x.RequiresGrad = true;
        for (int k = 0; k < 2; k++)
        {
            using var tape = new Tape();
            Ops.Sum(x * x).Backward(); // d/dx = 2x
        }
        Assert.Equal(new float[] { 4, 8, 12 }, x.Grad!.ToArray());
        x.ZeroGrad();
        Assert.Equal(new float[] { 0, 0, 0 }, x.Grad!.ToArray());
    }

    [Fact]
    public void Backward_SharedSubexpression_SumsBothPaths()
    {
        var x = Tensor.FromArray([0.5f, -1.5f], 2).Persist();
        x.RequiresGrad = true;
        using var tape = new Tape();
        var e = Ops.Exp(x);            // used twice below
        var y = Ops.Sum(e * e + e);    // d/dx = 2e² + e
        y.Backward();
        for (int i = 0; i < 2; i++)
        {
            double ev = Math.Exp(x.AsSpan()[i]);
            Assert.Equal(2 * ev * ev + ev, x.Grad![i], 4);
        }
    }

    [Fact]
    public void NoGrad_RecordsNothing()
    {
        var w = Tensor.Ones(2).Persist();
        w.RequiresGrad = true;
        using var tape = new Tape();
        Tensor y;
        using (Tape.NoGrad()) y = w * 2f + w;
        Assert.False(y.RequiresGrad);
        Assert.True(y.IsLeaf);
        Assert.Throws<InvalidOperationException>(() => y.Backward());
    }

    [Fact]
    public void TapeDispose_ReturnsIntermediates_AndAccessThrows()
    {
        Tensor y, kept;
        using (var tape = new Tape())
        {
            var x = Tensor.Ones(4);
            y = x + 1f;
            kept = (x * 3f).Persist();
            Assert.True(tape.Count >= 3);
        }
        Assert.True(y.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => y.AsSpan());
        Assert.Equal(new float[] { 3, 3, 3, 3 }, kept.ToArray());
        kept.Dispose();
    }

    [Fact]
    public void Pool_RepeatedSteps_ReuseBuffers()
    {
        void Step()
        {
            using var tape = new Tape();
            var a = Tensor.Ones(3, 517);
            _ = Ops.Exp(a) * a + 2f;
        }
        Step();
        long before = TensorPool.AllocationCount;
        for (int i = 0; i < 5; i++) Step();
        Assert.Equal(before, TensorPool.AllocationCount);
    }

    [Fact]
    public void Backward_NonScalarWithoutGradient_Throws()
    {
        var x = Tensor.Ones(3).Persist();
        x.RequiresGrad = true;
        using var tape = new Tape();
        var y = x * 2f;
        Assert.Throws<InvalidOperationException>(() => y.Backward());
        y.Backward(Tensor.FromArray([1, 0, 2], 3));
        Assert.Equal(new float[] { 2, 0, 4 }, x.Grad!.ToArray());
    }

    [Fact]
    public void Tapes_Nest_AndMustCloseInnermostFirst()
    {
        var outer = new Tape();
        var inner = new Tape();
        Assert.Same(inner, Tape.Current);
        Assert.Throws<InvalidOperationException>(() => outer.Dispose());
        inner.Dispose();
        Assert.Same(outer, Tape.Current);
        outer.Dispose();
        Assert.Null(Tape.Current);
    }
}
