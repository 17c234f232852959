using System.Numerics.Tensors;

namespace SuperRes.Tensors;

/// <summary>SiLU (swish): x·sigmoid(x), vectorised through TensorPrimitives; backward g·(s + x·s·(1 - s)).</summary>
public static partial class Ops
{
    public static Tensor Silu(Tensor x)
    {
        var y = NewLike(x);
        if (!Autograd.Needs(x))
        {
            // Nothing will read the sigmoid again: it goes straight into the output.
            TensorPrimitives.Sigmoid(x.AsSpan(), y.AsSpan());
            TensorPrimitives.Multiply(x.AsSpan(), y.AsSpan(), y.AsSpan());
            return y;
        }
        var sig = NewLike(x);
        TensorPrimitives.Sigmoid(x.AsSpan(), sig.AsSpan());
        TensorPrimitives.Multiply(x.AsSpan(), sig.AsSpan(), y.AsSpan());
        if (Autograd.Needs(x)) RecordSilu(x, y, sig);
        return y;
    }

    private static void RecordSilu(Tensor x, Tensor y, Tensor sig) => Autograd.Record(y, "silu", [x], g =>
    {
        // d/dx x·s(x) = s + x·s·(1 - s) = s + y·(1 - s)
        var gx = NewLike(x);
        var d = gx.AsSpan();
        TensorPrimitives.Subtract(1f, sig.AsSpan(), d);
        TensorPrimitives.MultiplyAdd(y.AsSpan(), d, sig.AsSpan(), d);
        TensorPrimitives.Multiply(d, g.AsSpan(), d);
        Autograd.Accumulate(x, gx);
    });

    /// <summary>The plain per-element SiLU, the specification the vectorised op is tested against.</summary>
    internal static float SiluReference(float x) => x / (1f + MathF.Exp(-x));
}
