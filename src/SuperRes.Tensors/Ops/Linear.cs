using System.Numerics.Tensors;

namespace SuperRes.Tensors;

/// <summary>Matrix products: linear (x·Wᵀ + b, PyTorch layout) and plain matmul.</summary>
public static partial class Ops
{
    /// <summary>x [N,in], weight [out,in], bias [out] or null; returns [N,out].</summary>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias = null)
    {
        Shapes.RequireRank(x, 2, "linear input");
        Shapes.RequireRank(weight, 2, "linear weight");
        int n = x.Size(0), k = x.Size(1), m = weight.Size(0);
        if (weight.Size(1) != k) throw new ArgumentException($"linear: input {x.ShapeString} does not match weight {weight.ShapeString}.");
        if (bias != null && bias.Length != m) throw new ArgumentException($"linear: bias {bias.ShapeString} does not match {m} outputs.");
        var y = Tensor.EmptyOwned([n, m]);
        var xs = x.AsSpan(); var ws = weight.AsSpan(); var ys = y.AsSpan();
        for (int i = 0; i < n; i++)
        for (int o = 0; o < m; o++)
            ys[i * m + o] = TensorPrimitives.Dot(xs.Slice(i * k, k), ws.Slice(o * k, k)) + (bias == null ? 0f : bias.AsSpan()[o]);
        if (Autograd.Needs(x, weight, bias)) RecordLinear(x, weight, bias, y);
        return y;
    }

    private static void RecordLinear(Tensor x, Tensor w, Tensor? b, Tensor y) => Autograd.Record(y, "linear", b == null ? [x, w] : [x, w, b], g =>
    {
        int n = x.Size(0), k = x.Size(1), m = w.Size(0);
        var gs = g.AsSpan(); var xs = x.AsSpan(); var ws = w.AsSpan();
        if (x.RequiresGrad)
        {
            var gx = Tensor.Zeros(n, k);
            var d = gx.AsSpan();
            for (int i = 0; i < n; i++)
            for (int o = 0; o < m; o++)
                TensorPrimitives.MultiplyAdd(ws.Slice(o * k, k), gs[i * m + o], d.Slice(i * k, k), d.Slice(i * k, k));
            Autograd.Accumulate(x, gx);
        }
        if (w.RequiresGrad)
        {
            var gw = Tensor.Zeros(m, k);
            var d = gw.AsSpan();
            for (int i = 0; i < n; i++)
            for (int o = 0; o < m; o++)
                TensorPrimitives.MultiplyAdd(xs.Slice(i * k, k), gs[i * m + o], d.Slice(o * k, k), d.Slice(o * k, k));
            Autograd.Accumulate(w, gw);
        }
        if (b is { RequiresGrad: true }) Autograd.Accumulate(b, SumTo(g, [1, m]).ReshapedTo(b.Dims));
    });

    /// <summary>a [M,K] · b [K,N] = [M,N].</summary>
    public static Tensor MatMul(Tensor a, Tensor b)
    {
        Shapes.RequireRank(a, 2, "matmul left");
        Shapes.RequireRank(b, 2, "matmul right");
        int m = a.Size(0), k = a.Size(1), n = b.Size(1);
        if (b.Size(0) != k) throw new ArgumentException($"matmul: {a.ShapeString} · {b.ShapeString} do not match.");
        var y = Tensor.Zeros(m, n);
        MatMulInto(a.AsSpan(), b.AsSpan(), y.AsSpan(), m, k, n);
        if (Autograd.Needs(a, b)) RecordMatMul(a, b, y);
        return y;
    }

    private static void MatMulInto(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y, int m, int k, int n)
    {
        for (int i = 0; i < m; i++)
        for (int j = 0; j < k; j++)
            TensorPrimitives.MultiplyAdd(b.Slice(j * n, n), a[i * k + j], y.Slice(i * n, n), y.Slice(i * n, n));
    }

    private static void RecordMatMul(Tensor a, Tensor b, Tensor y) => Autograd.Record(y, "matmul", [a, b], g =>
    {
        int m = a.Size(0), k = a.Size(1), n = b.Size(1);
        var gs = g.AsSpan(); var asp = a.AsSpan(); var bs = b.AsSpan();
        if (a.RequiresGrad)
        {
            var ga = Tensor.Empty(m, k);
            var d = ga.AsSpan();
            for (int i = 0; i < m; i++)
            for (int j = 0; j < k; j++)
                d[i * k + j] = TensorPrimitives.Dot(gs.Slice(i * n, n), bs.Slice(j * n, n));
            Autograd.Accumulate(a, ga);
        }
        if (b.RequiresGrad)
        {
            var gb = Tensor.Zeros(k, n);
            var d = gb.AsSpan();
            for (int i = 0; i < m; i++)
            for (int j = 0; j < k; j++)
                TensorPrimitives.MultiplyAdd(gs.Slice(i * n, n), asp[i * k + j], d.Slice(j * n, n), d.Slice(j * n, n));
            Autograd.Accumulate(b, gb);
        }
    });
}
