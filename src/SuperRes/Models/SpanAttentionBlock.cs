using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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

    /// <summary>
    /// The rest of the block without gradients: the attention and the sum in one pass over out3, each
    /// intermediate handed back to the pool once read.
    /// </summary>
    private Tensor Infer(Tensor x, Tensor out1)
    {
        var a = Ops.Silu(out1);
        var b = _c2.Forward(a);
        a.Dispose();
        var c = Ops.Silu(b);
        b.Dispose();
        var out3 = _c3.Forward(c);
        c.Dispose();
        Attend(out3.AsSpan(), x.AsSpan());
        return out3;
    }

    /// <summary>o = (o + x) * (sigmoid(o) - 0.5): SPAB's parameter-free attention on its residual sum.</summary>
    private static void Attend(Span<float> o, ReadOnlySpan<float> x)
    {
        if (x.Length != o.Length) throw new ArgumentException($"SPAB: attention over {o.Length} values, residual of {x.Length}.");
        ref float po = ref MemoryMarshal.GetReference(o);
        ref float px = ref MemoryMarshal.GetReference(x);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; i + 16 <= o.Length; i += 16)
            {
                var v = Vector512.LoadUnsafe(ref po, (nuint)i);
                var sigmoid = Vector512<float>.One / (Vector512<float>.One + Vector512.Exp(-v));
                ((v + Vector512.LoadUnsafe(ref px, (nuint)i)) * (sigmoid - Vector512.Create(0.5f))).StoreUnsafe(ref po, (nuint)i);
            }
        for (; i + 8 <= o.Length; i += 8)
        {
            var v = Vector256.LoadUnsafe(ref po, (nuint)i);
            var sigmoid = Vector256<float>.One / (Vector256<float>.One + Vector256.Exp(-v));
            ((v + Vector256.LoadUnsafe(ref px, (nuint)i)) * (sigmoid - Vector256.Create(0.5f))).StoreUnsafe(ref po, (nuint)i);
        }
        for (; i < o.Length; i++) o[i] = (o[i] + x[i]) * (1f / (1f + MathF.Exp(-o[i])) - 0.5f);
    }
}
