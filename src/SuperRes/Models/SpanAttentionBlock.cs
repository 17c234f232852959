using SuperRes.Tensors;
using SuperRes.Tensors.Nn;

namespace SuperRes.Models;

/// <summary>
/// SPAN's SPAB: three Conv3XC (<c>c1_r</c>..<c>c3_r</c>) with SiLU between them; the parameter-free
/// attention sigmoid(out3) - 0.5 multiplies out3 + x. Returns the block output and out1 (the last
/// block's out1 feeds SPAN's final concatenation).
/// </summary>
internal sealed class SpanAttentionBlock : Module
{
    private readonly SpanConv _c1, _c2, _c3;

    public SpanAttentionBlock(int width, Rng rng)
    {
        _c1 = RegisterModule("c1_r", new SpanConv(width, width, rng));
        _c2 = RegisterModule("c2_r", new SpanConv(width, width, rng));
        _c3 = RegisterModule("c3_r", new SpanConv(width, width, rng));
    }

    public override Tensor Forward(Tensor x)
    {
        var (output, first) = ForwardWithFirst(x);
        if (!Tape.IsGradEnabled) first.Dispose();
        return output;
    }

    public (Tensor Output, Tensor First) ForwardWithFirst(Tensor x)
    {
        var out1 = _c1.Forward(x);
        if (!Tape.IsGradEnabled) return (Infer(x, out1), out1);
        var out3 = _c3.Forward(Ops.Silu(_c2.Forward(Ops.Silu(out1))));
        var attention = Ops.AddScalar(Ops.Sigmoid(out3), -0.5f);
        return (Ops.Mul(Ops.Add(out3, x), attention), out1);
    }

    /// <summary>The rest of the block without gradients, each intermediate handed back to the pool once read.</summary>
    private Tensor Infer(Tensor x, Tensor out1)
    {
        var a = Ops.Silu(out1);
        var b = _c2.Forward(a);
        a.Dispose();
        var c = Ops.Silu(b);
        b.Dispose();
        var out3 = _c3.Forward(c);
        c.Dispose();
        var sigmoid = Ops.Sigmoid(out3);
        var attention = Ops.AddScalar(sigmoid, -0.5f);
        sigmoid.Dispose();
        var sum = Ops.Add(out3, x);
        out3.Dispose();
        var y = Ops.Mul(sum, attention);
        sum.Dispose();
        attention.Dispose();
        return y;
    }
}
