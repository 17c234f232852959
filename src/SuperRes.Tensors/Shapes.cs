namespace SuperRes.Tensors;

/// <summary>Shape arithmetic and checks shared by the ops.</summary>
internal static class Shapes
{
    public const int MaxRank = 8;

    public static int Product(ReadOnlySpan<int> dims)
    {
        long n = 1;
        foreach (int d in dims)
        {
            if (d < 0) throw new ArgumentException($"Negative dimension in shape {Format(dims)}.");
            n *= d;
            if (n > int.MaxValue) throw new ArgumentException($"Shape {Format(dims)} has more than 2^31 elements.");
        }
        return (int)n;
    }

    public static string Format(ReadOnlySpan<int> dims) => "[" + string.Join(", ", dims.ToArray()) + "]";

    public static int NormalizeAxis(int axis, int rank)
    {
        int a = axis < 0 ? axis + rank : axis;
        if ((uint)a >= (uint)rank) throw new ArgumentOutOfRangeException(nameof(axis), $"Axis {axis} is out of range for rank {rank}.");
        return a;
    }

    public static bool Same(ReadOnlySpan<int> a, ReadOnlySpan<int> b) => a.SequenceEqual(b);

    public static void RequireSame(ReadOnlySpan<int> a, ReadOnlySpan<int> b, string what)
    {
        if (!a.SequenceEqual(b)) throw new ArgumentException($"{what}: shapes {Format(a)} and {Format(b)} differ.");
    }

    public static void RequireRank(Tensor t, int rank, string what)
    {
        if (t.Rank != rank) throw new ArgumentException($"{what} expects a rank-{rank} tensor, got {t.ShapeString}.");
    }

    public static int Offset(ReadOnlySpan<int> dims, ReadOnlySpan<int> index)
    {
        if (index.Length != dims.Length) throw new ArgumentException($"Index of rank {index.Length} for shape {Format(dims)}.");
        int off = 0;
        for (int i = 0; i < dims.Length; i++)
        {
            if ((uint)index[i] >= (uint)dims[i]) throw new ArgumentOutOfRangeException(nameof(index), $"Index {index[i]} out of range for axis {i} of {Format(dims)}.");
            off = off * dims[i] + index[i];
        }
        return off;
    }

    /// <summary>NumPy broadcasting of two shapes.</summary>
    public static int[] Broadcast(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var r = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException($"Shapes {Format(a)} and {Format(b)} cannot be broadcast.");
            r[i] = da == 1 ? db : da;
        }
        return r;
    }

    /// <summary>Element strides of <paramref name="dims"/> seen through <paramref name="outDims"/>: 0 on broadcast axes.</summary>
    public static void BroadcastStrides(ReadOnlySpan<int> dims, ReadOnlySpan<int> outDims, Span<int> strides)
    {
        int rank = outDims.Length, offset = rank - dims.Length;
        if (offset < 0) throw new ArgumentException($"Shape {Format(dims)} has a higher rank than {Format(outDims)}.");
        int s = 1;
        for (int i = rank - 1; i >= 0; i--)
        {
            int d = i < offset ? 1 : dims[i - offset];
            if (d != 1 && d != outDims[i]) throw new ArgumentException($"Shape {Format(dims)} does not broadcast to {Format(outDims)}.");
            strides[i] = d == 1 ? 0 : s;
            s *= d;
        }
    }

    /// <summary>Shape after reducing <paramref name="axes"/> (all axes when empty).</summary>
    public static int[] Reduced(ReadOnlySpan<int> dims, ReadOnlySpan<int> axes, bool keepDim, out bool[] reduced)
    {
        reduced = new bool[dims.Length];
        if (axes.Length == 0) Array.Fill(reduced, true);
        foreach (int a in axes) reduced[NormalizeAxis(a, dims.Length)] = true;
        var list = new List<int>(dims.Length);
        for (int i = 0; i < dims.Length; i++)
            if (!reduced[i]) list.Add(dims[i]);
            else if (keepDim) list.Add(1);
        if (list.Count == 0) list.Add(1);
        return list.ToArray();
    }
}
