namespace SuperRes.Tensors;

/// <summary>PReLU: max(0,x) + a·min(0,x) with a learned slope per channel (axis 1) or one shared slope.</summary>
public static partial class Ops
{
    public static Tensor PRelu(Tensor x, Tensor weight)
    {
        int c = x.Rank > 1 ? x.Size(1) : 1;
        if (weight.Length != 1 && weight.Length != c)
            throw new ArgumentException($"prelu: weight {weight.ShapeString} must have 1 or {c} elements for input {x.ShapeString}.");
        int inner = ChannelInner(x);
        var y = NewLike(x);
        var xs = x.AsSpan(); var ys = y.AsSpan(); var ws = weight.AsSpan();
        // One slope per channel slice of `inner` contiguous elements: a vector loop per slice.
        for (int start = 0, k = 0; start < xs.Length; start += inner, k++)
            PReluSlice(xs.Slice(start, inner), ys.Slice(start, inner), ws[weight.Length == 1 ? 0 : k % c]);
        if (Autograd.Needs(x, weight)) RecordPRelu(x, weight, y, c, inner);
        return y;
    }

    /// <summary>y = x &gt; 0 ? x : a·x over one slice, with <see cref="System.Numerics.Vector{T}"/> and a scalar tail.</summary>
    private static void PReluSlice(ReadOnlySpan<float> x, Span<float> y, float a)
    {
        int i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            var slope = new System.Numerics.Vector<float>(a);
            int width = System.Numerics.Vector<float>.Count;
            for (; i <= x.Length - width; i += width)
            {
                var v = new System.Numerics.Vector<float>(x.Slice(i));
                System.Numerics.Vector.ConditionalSelect(System.Numerics.Vector.GreaterThan(v, System.Numerics.Vector<float>.Zero), v, v * slope).CopyTo(y.Slice(i));
            }
        }
        for (; i < x.Length; i++) y[i] = x[i] > 0 ? x[i] : a * x[i];
    }

    /// <summary>The plain element-by-element PReLU, the specification the vector path is tested against.</summary>
    internal static void PReluReference(ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<float> w, int c, int inner)
    {
        for (int i = 0; i < x.Length; i++)
        {
            float a = w[w.Length == 1 ? 0 : i / inner % c];
            y[i] = x[i] > 0 ? x[i] : a * x[i];
        }
    }

    private static void RecordPRelu(Tensor x, Tensor w, Tensor y, int c, int inner) => Autograd.Record(y, "prelu", [x, w], g =>
    {
        var xs = x.AsSpan(); var gs = g.AsSpan(); var ws = w.AsSpan();
        bool shared = w.Length == 1;
        if (x.RequiresGrad)
        {
            var gx = NewLike(x);
            var d = gx.AsSpan();
            for (int i = 0; i < d.Length; i++) d[i] = xs[i] > 0 ? gs[i] : gs[i] * ws[shared ? 0 : i / inner % c];
            Autograd.Accumulate(x, gx);
        }
        if (w.RequiresGrad)
        {
            var acc = new double[w.Length];
            for (int i = 0; i < xs.Length; i++)
                if (xs[i] <= 0) acc[shared ? 0 : i / inner % c] += (double)gs[i] * xs[i];
            var gw = NewLike(w);
            for (int k = 0; k < acc.Length; k++) gw.AsSpan()[k] = (float)acc[k];
            Autograd.Accumulate(w, gw);
        }
    });

    /// <summary>Elements per channel slice: product of the axes after axis 1.</summary>
    private static int ChannelInner(Tensor x)
    {
        int inner = 1;
        for (int i = 2; i < x.Rank; i++) inner *= x.Dims[i];
        return inner;
    }
}
