using System.Numerics.Tensors;

namespace SuperRes.Tensors;

/// <summary>Sums and means over axes or everything, and a (no-grad) max used by softmax.</summary>
public static unsafe partial class Ops
{
    /// <summary>Sum of all elements, shape [1].</summary>
    public static Tensor Sum(Tensor x) => Sum(x, [], false);

    /// <summary>Sum over <paramref name="axes"/> (all when empty).</summary>
    public static Tensor Sum(Tensor x, int[] axes, bool keepDim = false)
    {
        var keep = Shapes.Reduced(x.Dims, axes, true, out _);
        var outDims = Shapes.Reduced(x.Dims, axes, keepDim, out _);
        var y = SumTo(x, keep);
        ReshapeInPlace(y, outDims);
        if (Autograd.Needs(x)) RecordSum(x, y, keep, 1f);
        return y;
    }

    public static Tensor Mean(Tensor x) => Mean(x, [], false);

    public static Tensor Mean(Tensor x, int[] axes, bool keepDim = false)
    {
        var keep = Shapes.Reduced(x.Dims, axes, true, out _);
        var outDims = Shapes.Reduced(x.Dims, axes, keepDim, out _);
        float scale = (float)Shapes.Product(keep) / Math.Max(1, x.Length);
        var y = SumTo(x, keep);
        TensorPrimitives.Multiply(y.AsSpan(), scale, y.AsSpan());
        ReshapeInPlace(y, outDims);
        if (Autograd.Needs(x)) RecordSum(x, y, keep, scale);
        return y;
    }

    private static void RecordSum(Tensor x, Tensor y, int[] keep, float scale) => Autograd.Record(y, "sum", [x], g =>
    {
        var gk = g.Detach();
        ReshapeInPlace(gk, keep);
        var gx = Expand(gk, x.Dims);
        gk.Dispose();
        if (scale != 1f) TensorPrimitives.Multiply(gx.AsSpan(), scale, gx.AsSpan());
        Autograd.Accumulate(x, gx);
    });

    /// <summary>Maximum over one axis with the axis kept (size 1); no gradient.</summary>
    public static Tensor MaxNoGrad(Tensor x, int axis)
    {
        axis = Shapes.NormalizeAxis(axis, x.Rank);
        var dims = (int[])x.Dims.Clone();
        int n = dims[axis];
        dims[axis] = 1;
        var y = Tensor.EmptyOwned(dims);
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= x.Dims[i];
        for (int i = axis + 1; i < x.Rank; i++) inner *= x.Dims[i];
        var xs = x.AsSpan();
        var ys = y.AsSpan();
        for (int o = 0; o < outer; o++)
        {
            var row = ys.Slice(o * inner, inner);
            xs.Slice(o * n * inner, inner).CopyTo(row);
            for (int k = 1; k < n; k++) TensorPrimitives.Max(row, xs.Slice((o * n + k) * inner, inner), row);
        }
        return y;
    }
}
