namespace SuperRes.Tensors;

/// <summary>Reshape (a copy: tensors never share storage, which keeps ownership simple).</summary>
public static partial class Ops
{
    /// <summary>Same elements, new shape; one dimension may be -1 (inferred).</summary>
    public static Tensor Reshape(Tensor x, params int[] shape)
    {
        var dims = ResolveShape(x, shape);
        var y = x.Detach();
        y.Dims = dims;
        if (Autograd.Needs(x)) RecordReshape(x, y);
        return y;
    }

    private static void RecordReshape(Tensor x, Tensor y) => Autograd.Record(y, "reshape", [x], g =>
    {
        var gx = g.Detach();
        gx.Dims = (int[])x.Dims.Clone();
        Autograd.Accumulate(x, gx);
    });

    /// <summary>[N, ...] to [N, rest].</summary>
    public static Tensor Flatten(Tensor x) => Reshape(x, x.Size(0), -1);

    internal static void ReshapeInPlace(Tensor t, int[] dims)
    {
        if (Shapes.Product(dims) != t.Length)
            throw new ArgumentException($"Cannot reshape {t.ShapeString} to {Shapes.Format(dims)}.");
        t.Dims = dims;
    }

    private static int[] ResolveShape(Tensor x, int[] shape)
    {
        var dims = (int[])shape.Clone();
        int infer = Array.IndexOf(dims, -1);
        if (infer >= 0)
        {
            dims[infer] = 1;
            int rest = Shapes.Product(dims);
            if (rest == 0 || x.Length % rest != 0)
                throw new ArgumentException($"Cannot reshape {x.ShapeString} to {Shapes.Format(shape)}.");
            dims[infer] = x.Length / rest;
        }
        if (Shapes.Product(dims) != x.Length)
            throw new ArgumentException($"Cannot reshape {x.ShapeString} to {Shapes.Format(shape)}.");
        return dims;
    }
}
