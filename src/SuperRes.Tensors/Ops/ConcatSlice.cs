namespace SuperRes.Tensors;

/// <summary>Concatenation along an axis and its inverse, slicing.</summary>
public static partial class Ops
{
    public static Tensor Concat(Tensor[] tensors, int axis = 1)
    {
        if (tensors.Length == 0) throw new ArgumentException("concat of no tensors.");
        var first = tensors[0];
        axis = Shapes.NormalizeAxis(axis, first.Rank);
        var dims = (int[])first.Dims.Clone();
        dims[axis] = 0;
        foreach (var t in tensors)
        {
            if (t.Rank != first.Rank) throw new ArgumentException($"concat: ranks differ ({first.ShapeString}, {t.ShapeString}).");
            for (int i = 0; i < t.Rank; i++)
                if (i != axis && t.Dims[i] != first.Dims[i]) throw new ArgumentException($"concat: shapes {first.ShapeString} and {t.ShapeString} differ off axis {axis}.");
            dims[axis] += t.Dims[axis];
        }
        var y = Tensor.EmptyOwned(dims);
        int outer = Outer(dims, axis), inner = Inner(dims, axis), offset = 0;
        foreach (var t in tensors)
        {
            CopyBlock(t.AsSpan(), 0, t.Dims[axis], y.AsSpan(), offset, dims[axis], outer, inner, toWide: true);
            offset += t.Dims[axis];
        }
        bool any = false;
        foreach (var t in tensors) any |= t.RequiresGrad;
        if (any && Tape.IsGradEnabled) RecordConcat((Tensor[])tensors.Clone(), y, axis);
        return y;
    }

    private static void RecordConcat(Tensor[] parts, Tensor y, int axis) => Autograd.Record(y, "concat", parts, g =>
    {
        int outer = Outer(y.Dims, axis), inner = Inner(y.Dims, axis), offset = 0;
        foreach (var t in parts)
        {
            if (t.RequiresGrad)
            {
                var gt = NewLike(t);
                CopyBlock(gt.AsSpan(), 0, t.Dims[axis], g.AsSpan(), offset, y.Dims[axis], outer, inner, toWide: false);
                Autograd.Accumulate(t, gt);
            }
            offset += t.Dims[axis];
        }
    });

    /// <summary>Elements [start, start+length) of <paramref name="axis"/>.</summary>
    public static Tensor Slice(Tensor x, int axis, int start, int length)
    {
        axis = Shapes.NormalizeAxis(axis, x.Rank);
        if (start < 0 || length < 0 || start + length > x.Dims[axis])
            throw new ArgumentOutOfRangeException(nameof(start), $"slice [{start}, {start + length}) outside axis {axis} of {x.ShapeString}.");
        var dims = (int[])x.Dims.Clone();
        dims[axis] = length;
        var y = Tensor.EmptyOwned(dims);
        CopyBlock(y.AsSpan(), 0, length, x.AsSpan(), start, x.Dims[axis], Outer(dims, axis), Inner(dims, axis), toWide: false);
        if (Autograd.Needs(x)) RecordSlice(x, y, axis, start);
        return y;
    }

    private static void RecordSlice(Tensor x, Tensor y, int axis, int start) => Autograd.Record(y, "slice", [x], g =>
    {
        var gx = Tensor.Zeros(x.Shape.ToArray());
        CopyBlock(g.AsSpan(), 0, y.Dims[axis], gx.AsSpan(), start, x.Dims[axis], Outer(x.Dims, axis), Inner(x.Dims, axis), toWide: true);
        Autograd.Accumulate(x, gx);
    });

    /// <summary>Moves a block of <paramref name="count"/> axis entries between a narrow tensor and a wide one at an offset.</summary>
    private static void CopyBlock(Span<float> narrow, int narrowStart, int count, Span<float> wide, int wideStart, int wideAxis,
        int outer, int inner, bool toWide)
    {
        int len = count * inner;
        for (int o = 0; o < outer; o++)
        {
            var a = narrow.Slice((o * count + narrowStart) * inner, len);
            var b = wide.Slice((o * wideAxis + wideStart) * inner, len);
            if (toWide) a.CopyTo(b);
            else b.CopyTo(a);
        }
    }

    private static int Outer(int[] dims, int axis)
    {
        int n = 1;
        for (int i = 0; i < axis; i++) n *= dims[i];
        return n;
    }

    private static int Inner(int[] dims, int axis)
    {
        int n = 1;
        for (int i = axis + 1; i < dims.Length; i++) n *= dims[i];
        return n;
    }
}
