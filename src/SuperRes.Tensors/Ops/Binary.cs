using System.Numerics.Tensors;
using SuperRes.Tensors.Cpu;

namespace SuperRes.Tensors;

/// <summary>Element-wise binary ops with NumPy broadcasting: forward and backward side by side.</summary>
public static unsafe partial class Ops
{
    public static Tensor Add(Tensor a, Tensor b)
    {
        var y = Broadcast<AddRow>(a, b);
        if (Autograd.Needs(a, b)) RecordAdd(a, b, y, 1f);
        return y;
    }

    public static Tensor Sub(Tensor a, Tensor b)
    {
        var y = Broadcast<SubRow>(a, b);
        if (Autograd.Needs(a, b)) RecordAdd(a, b, y, -1f);
        return y;
    }

    private static void RecordAdd(Tensor a, Tensor b, Tensor y, float signB) => Autograd.Record(y, signB > 0 ? "add" : "sub", [a, b], g =>
    {
        if (a.RequiresGrad) Autograd.Accumulate(a, SumTo(g, a.Dims));
        if (b.RequiresGrad)
        {
            var gb = SumTo(g, b.Dims);
            if (signB < 0) TensorPrimitives.Negate(gb.AsSpan(), gb.AsSpan());
            Autograd.Accumulate(b, gb);
        }
    });

    public static Tensor Mul(Tensor a, Tensor b)
    {
        var y = Broadcast<MulRow>(a, b);
        if (Autograd.Needs(a, b)) RecordMul(a, b, y);
        return y;
    }

    private static void RecordMul(Tensor a, Tensor b, Tensor y) => Autograd.Record(y, "mul", [a, b], g =>
    {
        if (a.RequiresGrad) Autograd.Accumulate(a, ReduceProduct(g, b, a.Dims));
        if (b.RequiresGrad) Autograd.Accumulate(b, ReduceProduct(g, a, b.Dims));
    });

    public static Tensor Div(Tensor a, Tensor b)
    {
        var y = Broadcast<DivRow>(a, b);
        if (Autograd.Needs(a, b)) RecordDiv(a, b, y);
        return y;
    }

    private static void RecordDiv(Tensor a, Tensor b, Tensor y) => Autograd.Record(y, "div", [a, b], g =>
    {
        if (a.RequiresGrad)
        {
            var q = Broadcast<DivRow>(g, b);
            Autograd.Accumulate(a, SumToConsume(q, a.Dims));
        }
        if (b.RequiresGrad)
        {
            // d(a/b)/db = -y/b
            var q = Broadcast<MulRow>(g, y);
            var r = Broadcast<DivRow>(q, b);
            q.Dispose();
            TensorPrimitives.Negate(r.AsSpan(), r.AsSpan());
            Autograd.Accumulate(b, SumToConsume(r, b.Dims));
        }
    });

    private static Tensor ReduceProduct(Tensor g, Tensor other, int[] dims) => SumToConsume(Broadcast<MulRow>(g, other), dims);

    private static Tensor SumToConsume(Tensor t, int[] dims)
    {
        if (Shapes.Same(t.Dims, dims)) return t;
        var r = SumTo(t, dims);
        t.Dispose();
        return r;
    }

    /// <summary>Sums <paramref name="g"/> down to a shape it was broadcast from (always a new tensor).</summary>
    internal static Tensor SumTo(Tensor g, int[] dims)
    {
        var r = Tensor.EmptyOwned((int[])dims.Clone());
        if (Shapes.Same(g.Dims, dims))
        {
            g.AsSpan().CopyTo(r.AsSpan());
            return r;
        }
        r.AsSpan().Clear();
        int rank = g.Rank;
        Span<int> sg = stackalloc int[rank], sr = stackalloc int[rank];
        Shapes.BroadcastStrides(g.Dims, g.Dims, sg);
        Shapes.BroadcastStrides(dims, g.Dims, sr);
        Strided.Run(g.Dims, sg, sg, sr, g.DataPointer, g.DataPointer, r.DataPointer, new AccumulateRow());
        return r;
    }

    /// <summary>Repeats <paramref name="t"/> along its size-1 axes to <paramref name="dims"/> (new tensor, no graph).</summary>
    internal static Tensor Expand(Tensor t, int[] dims)
    {
        var r = Tensor.EmptyOwned((int[])dims.Clone());
        int rank = dims.Length;
        Span<int> st = stackalloc int[rank], sr = stackalloc int[rank];
        Shapes.BroadcastStrides(t.Dims, dims, st);
        Shapes.BroadcastStrides(dims, dims, sr);
        Strided.Run(dims, st, st, sr, t.DataPointer, t.DataPointer, r.DataPointer, new CopyRow());
        return r;
    }

    internal static Tensor Broadcast<T>(Tensor a, Tensor b) where T : struct, IRowOp
    {
        if (Shapes.Same(a.Dims, b.Dims))
        {
            var same = Tensor.EmptyOwned((int[])a.Dims.Clone());
            int n = a.Length;
            float* pa = a.DataPointer, pb = b.DataPointer, py = same.DataPointer;
            if (n < Parallel2.Threshold) default(T).Row(pa, 1, pb, 1, py, 1, n); // no closure for small tensors
            else RowsInParallel<T>(pa, pb, py, n);
            return same;
        }
        var dims = Shapes.Broadcast(a.Dims, b.Dims);
        var y = Tensor.EmptyOwned(dims);
        int rank = dims.Length;
        Span<int> sa = stackalloc int[rank], sb = stackalloc int[rank], sy = stackalloc int[rank];
        Shapes.BroadcastStrides(a.Dims, dims, sa);
        Shapes.BroadcastStrides(b.Dims, dims, sb);
        Shapes.BroadcastStrides(dims, dims, sy);
        Strided.Run(dims, sa, sb, sy, a.DataPointer, b.DataPointer, y.DataPointer, default(T));
        return y;
    }

    private static void RowsInParallel<T>(float* pa, float* pb, float* py, int n) where T : struct, IRowOp =>
        Parallel2.For(n, n, (s, e) => default(T).Row(pa + s, 1, pb + s, 1, py + s, 1, e - s));

    internal struct AddRow : IRowOp
    {
        public void Row(float* a, int sa, float* b, int sb, float* y, int sy, int n)
        {
            var ys = new Span<float>(y, n);
            if (sa == 1 && sb == 1) TensorPrimitives.Add(new ReadOnlySpan<float>(a, n), new ReadOnlySpan<float>(b, n), ys);
            else if (sa == 1) TensorPrimitives.Add(new ReadOnlySpan<float>(a, n), *b, ys);
            else if (sb == 1) TensorPrimitives.Add(new ReadOnlySpan<float>(b, n), *a, ys);
            else ys.Fill(*a + *b);
        }
    }

    internal struct SubRow : IRowOp
    {
        public void Row(float* a, int sa, float* b, int sb, float* y, int sy, int n)
        {
            var ys = new Span<float>(y, n);
            if (sa == 1 && sb == 1) TensorPrimitives.Subtract(new ReadOnlySpan<float>(a, n), new ReadOnlySpan<float>(b, n), ys);
            else if (sa == 1) TensorPrimitives.Subtract(new ReadOnlySpan<float>(a, n), *b, ys);
            else if (sb == 1) TensorPrimitives.Subtract(*a, new ReadOnlySpan<float>(b, n), ys);
            else ys.Fill(*a - *b);
        }
    }

    internal struct MulRow : IRowOp
    {
        public void Row(float* a, int sa, float* b, int sb, float* y, int sy, int n)
        {
            var ys = new Span<float>(y, n);
            if (sa == 1 && sb == 1) TensorPrimitives.Multiply(new ReadOnlySpan<float>(a, n), new ReadOnlySpan<float>(b, n), ys);
            else if (sa == 1) TensorPrimitives.Multiply(new ReadOnlySpan<float>(a, n), *b, ys);
            else if (sb == 1) TensorPrimitives.Multiply(new ReadOnlySpan<float>(b, n), *a, ys);
            else ys.Fill(*a * *b);
        }
    }

    internal struct DivRow : IRowOp
    {
        public void Row(float* a, int sa, float* b, int sb, float* y, int sy, int n)
        {
            var ys = new Span<float>(y, n);
            if (sa == 1 && sb == 1) TensorPrimitives.Divide(new ReadOnlySpan<float>(a, n), new ReadOnlySpan<float>(b, n), ys);
            else if (sa == 1) TensorPrimitives.Divide(new ReadOnlySpan<float>(a, n), *b, ys);
            else if (sb == 1) TensorPrimitives.Divide(*a, new ReadOnlySpan<float>(b, n), ys);
            else ys.Fill(*a / *b);
        }
    }

    /// <summary>y (stride 0 or 1) += a.</summary>
    internal struct AccumulateRow : IRowOp
    {
        public void Row(float* a, int sa, float* b, int sb, float* y, int sy, int n)
        {
            var src = new ReadOnlySpan<float>(a, n);
            if (sy == 0) *y += sa == 1 ? TensorPrimitives.Sum(src) : *a * n;
            else if (sa == 1) TensorPrimitives.Add(new Span<float>(y, n), src, new Span<float>(y, n));
            else TensorPrimitives.Add(new Span<float>(y, n), *a, new Span<float>(y, n));
        }
    }

    internal struct CopyRow : IRowOp
    {
        public void Row(float* a, int sa, float* b, int sb, float* y, int sy, int n)
        {
            if (sa == 1) new ReadOnlySpan<float>(a, n).CopyTo(new Span<float>(y, n));
            else new Span<float>(y, n).Fill(*a);
        }
    }
}
