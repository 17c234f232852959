using System.Numerics.Tensors;

namespace SuperRes.Tensors;

/// <summary>Element-wise unary and scalar ops: forward and backward side by side.</summary>
public static unsafe partial class Ops
{
    public static Tensor AddScalar(Tensor x, float s)
    {
        var y = NewLike(x);
        TensorPrimitives.Add(x.AsSpan(), s, y.AsSpan());
        if (Autograd.Needs(x)) Autograd.Record(y, "add_scalar", [x], g => Autograd.AccumulateCopy(x, g));
        return y;
    }

    public static Tensor MulScalar(Tensor x, float s)
    {
        var y = NewLike(x);
        TensorPrimitives.Multiply(x.AsSpan(), s, y.AsSpan());
        if (Autograd.Needs(x)) RecordScale(x, y, s);
        return y;
    }

    private static void RecordScale(Tensor x, Tensor y, float s) => Autograd.Record(y, "mul_scalar", [x], g =>
    {
        var gx = NewLike(g);
        TensorPrimitives.Multiply(g.AsSpan(), s, gx.AsSpan());
        Autograd.Accumulate(x, gx);
    });

    public static Tensor Neg(Tensor x) => MulScalar(x, -1f);

    /// <summary>s - x.</summary>
    public static Tensor RSubScalar(float s, Tensor x) => AddScalar(Neg(x), s);

    public static Tensor Square(Tensor x) => Mul(x, x);

    /// <summary>x^p element-wise (p a constant).</summary>
    public static Tensor Pow(Tensor x, float p)
    {
        var y = NewLike(x);
        TensorPrimitives.Pow(x.AsSpan(), p, y.AsSpan());
        if (Autograd.Needs(x)) RecordPow(x, y, p);
        return y;
    }

    private static void RecordPow(Tensor x, Tensor y, float p) => Autograd.Record(y, "pow", [x], g =>
    {
        var gx = NewLike(x);
        TensorPrimitives.Pow(x.AsSpan(), p - 1, gx.AsSpan());
        TensorPrimitives.Multiply(gx.AsSpan(), p, gx.AsSpan());
        TensorPrimitives.Multiply(gx.AsSpan(), g.AsSpan(), gx.AsSpan());
        Autograd.Accumulate(x, gx);
    });

    public static Tensor Exp(Tensor x)
    {
        var y = NewLike(x);
        TensorPrimitives.Exp(x.AsSpan(), y.AsSpan());
        if (Autograd.Needs(x)) RecordGradTimes(x, y, "exp", y);
        return y;
    }

    public static Tensor Log(Tensor x)
    {
        var y = NewLike(x);
        TensorPrimitives.Log(x.AsSpan(), y.AsSpan());
        if (Autograd.Needs(x)) RecordLog(x, y);
        return y;
    }

    private static void RecordLog(Tensor x, Tensor y) => Autograd.Record(y, "log", [x], g =>
    {
        var gx = NewLike(x);
        TensorPrimitives.Divide(g.AsSpan(), x.AsSpan(), gx.AsSpan());
        Autograd.Accumulate(x, gx);
    });

    public static Tensor Sqrt(Tensor x)
    {
        var y = NewLike(x);
        TensorPrimitives.Sqrt(x.AsSpan(), y.AsSpan());
        if (Autograd.Needs(x)) RecordSqrt(x, y);
        return y;
    }

    private static void RecordSqrt(Tensor x, Tensor y) => Autograd.Record(y, "sqrt", [x], g =>
    {
        var gx = NewLike(x);
        TensorPrimitives.Divide(g.AsSpan(), y.AsSpan(), gx.AsSpan());
        TensorPrimitives.Multiply(gx.AsSpan(), 0.5f, gx.AsSpan());
        Autograd.Accumulate(x, gx);
    });

    public static Tensor Abs(Tensor x)
    {
        var y = NewLike(x);
        TensorPrimitives.Abs(x.AsSpan(), y.AsSpan());
        if (Autograd.Needs(x)) RecordMask(x, y, "abs", v => v > 0 ? 1f : v < 0 ? -1f : 0f);
        return y;
    }

    /// <summary>Clamps to [min, max]; the gradient passes where min ≤ x ≤ max (as PyTorch).</summary>
    public static Tensor Clamp(Tensor x, float min, float max)
    {
        if (min > max) throw new ArgumentException($"Clamp: min {min} > max {max}.");
        var y = NewLike(x);
        TensorPrimitives.Clamp(x.AsSpan(), min, max, y.AsSpan());
        if (Autograd.Needs(x)) RecordClamp(x, y, min, max);
        return y;
    }

    public static Tensor Relu(Tensor x)
    {
        var y = NewLike(x);
        Cpu.Activation.LeakyForward(x.DataPointer, y.DataPointer, x.Length, 0f);
        if (Autograd.Needs(x)) RecordLeaky(x, y, 0f);
        return y;
    }

    public static Tensor LeakyRelu(Tensor x, float negativeSlope = 0.01f)
    {
        var y = NewLike(x);
        Cpu.Activation.LeakyForward(x.DataPointer, y.DataPointer, x.Length, negativeSlope);
        if (Autograd.Needs(x)) RecordLeaky(x, y, negativeSlope);
        return y;
    }

    private static void RecordClamp(Tensor x, Tensor y, float min, float max) =>
        RecordMask(x, y, "clamp", v => v >= min && v <= max ? 1f : 0f);

    private static void RecordLeaky(Tensor x, Tensor y, float slope) => Autograd.Record(y, slope == 0 ? "relu" : "leaky_relu", [x], g =>
    {
        var gx = NewLike(x);
        Cpu.Activation.LeakyBackward(x.DataPointer, g.DataPointer, gx.DataPointer, x.Length, slope);
        Autograd.Accumulate(x, gx);
    });

    public static Tensor Sigmoid(Tensor x)
    {
        var y = NewLike(x);
        TensorPrimitives.Sigmoid(x.AsSpan(), y.AsSpan());
        if (Autograd.Needs(x)) RecordFromOutput(x, y, "sigmoid", v => v * (1 - v));
        return y;
    }

    public static Tensor Tanh(Tensor x)
    {
        var y = NewLike(x);
        TensorPrimitives.Tanh(x.AsSpan(), y.AsSpan());
        if (Autograd.Needs(x)) RecordFromOutput(x, y, "tanh", v => 1 - v * v);
        return y;
    }

    private static void RecordGradTimes(Tensor x, Tensor y, string op, Tensor factor) => Autograd.Record(y, op, [x], g =>
    {
        var gx = NewLike(x);
        TensorPrimitives.Multiply(g.AsSpan(), factor.AsSpan(), gx.AsSpan());
        Autograd.Accumulate(x, gx);
    });

    /// <summary>gx = g * f(x).</summary>
    private static void RecordMask(Tensor x, Tensor y, string op, Func<float, float> derivative) => Autograd.Record(y, op, [x], g =>
    {
        var gx = NewLike(x);
        var gs = g.AsSpan();
        var xs = x.AsSpan();
        var d = gx.AsSpan();
        for (int i = 0; i < d.Length; i++) d[i] = gs[i] * derivative(xs[i]);
        Autograd.Accumulate(x, gx);
    });

    /// <summary>gx = g * f(y).</summary>
    private static void RecordFromOutput(Tensor x, Tensor y, string op, Func<float, float> derivative) => Autograd.Record(y, op, [x], g =>
    {
        var gx = NewLike(x);
        var gs = g.AsSpan();
        var ys = y.AsSpan();
        var d = gx.AsSpan();
        for (int i = 0; i < d.Length; i++) d[i] = gs[i] * derivative(ys[i]);
        Autograd.Accumulate(x, gx);
    });

    internal static Tensor NewLike(Tensor x) => Tensor.EmptyOwned((int[])x.Dims.Clone());
}
