using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using SuperRes.Tensors;
using SuperRes.Tensors.Nn;

namespace SuperRes.Models;

/// <summary>ESRGAN's RRDB: three <see cref="ResidualDenseBlock"/>s (<c>rdb1</c>..<c>rdb3</c>) whose output, scaled by 0.2, is added to the input.</summary>
internal sealed class ResidualInResidualDenseBlock : Module
{
    private readonly ResidualDenseBlock _rdb1, _rdb2, _rdb3;

    public ResidualInResidualDenseBlock(int width, int growth, Rng rng)
    {
        _rdb1 = RegisterModule("rdb1", new ResidualDenseBlock(width, growth, rng));
        _rdb2 = RegisterModule("rdb2", new ResidualDenseBlock(width, growth, rng));
        _rdb3 = RegisterModule("rdb3", new ResidualDenseBlock(width, growth, rng));
    }

    public override Tensor Forward(Tensor x)
    {
        if (Tape.IsGradEnabled) return Ops.Add(Ops.MulScalar(_rdb3.Forward(_rdb2.Forward(_rdb1.Forward(x))), 0.2f), x);
        // Without gradients each block's output goes back to the pool once the next has read it.
        var a = _rdb1.Forward(x);
        var b = _rdb2.Forward(a);
        a.Dispose();
        var y = _rdb3.Forward(b);
        b.Dispose();
        TensorPrimitives.MultiplyAdd(y.AsSpan(), 0.2f, x.AsSpan(), y.AsSpan());
        return y;
    }
}
