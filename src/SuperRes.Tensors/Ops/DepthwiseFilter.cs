namespace SuperRes.Tensors;

/// <summary>
/// A fixed 2-D filter applied to every channel alone (cross-correlation, zero padding), e.g. a
/// Laplacian of Gaussian for edge losses. The filter is a constant: only the input gets a gradient.
/// </summary>
public static partial class Ops
{
    /// <summary>x [N,C,H,W], filter [kh,kw] (any tensor of that shape, read once); default padding keeps the size for odd kernels.</summary>
    public static Tensor DepthwiseFilter(Tensor x, Tensor filter, Padding2d? padding = null)
    {
        Shapes.RequireRank(x, 4, "depthwise_filter input");
        Shapes.RequireRank(filter, 2, "depthwise_filter filter");
        int kh = filter.Size(0), kw = filter.Size(1);
        var p = padding ?? new Padding2d(kh / 2, kw / 2, (kh - 1) / 2, (kw - 1) / 2);
        int h = x.Size(2), w = x.Size(3);
        int oh = h + p.Top + p.Bottom - kh + 1, ow = w + p.Left + p.Right - kw + 1;
        if (oh <= 0 || ow <= 0) throw new ArgumentException($"depthwise_filter: filter {filter.ShapeString} larger than padded input {x.ShapeString}.");
        var k = filter.ToArray();
        var y = Tensor.Zeros(x.Size(0), x.Size(1), oh, ow);
        var xs = x.AsSpan(); var ys = y.AsSpan();
        int planes = x.Size(0) * x.Size(1);
        for (int pl = 0; pl < planes; pl++)
        for (int i = 0; i < oh; i++)
        for (int ky = 0; ky < kh; ky++)
        {
            int iy = i + ky - p.Top;
            if ((uint)iy >= (uint)h) continue;
            for (int kx = 0; kx < kw; kx++)
            {
                float kv = k[ky * kw + kx];
                int jlo = Math.Max(0, p.Left - kx), jhi = Math.Min(ow, w + p.Left - kx);
                for (int j = jlo; j < jhi; j++) ys[(pl * oh + i) * ow + j] += kv * xs[(pl * h + iy) * w + j + kx - p.Left];
            }
        }
        if (Autograd.Needs(x)) RecordDepthwise(x, y, k, kh, kw, p);
        return y;
    }

    private static void RecordDepthwise(Tensor x, Tensor y, float[] k, int kh, int kw, Padding2d p) => Autograd.Record(y, "depthwise_filter", [x], g =>
    {
        int h = x.Size(2), w = x.Size(3), oh = y.Size(2), ow = y.Size(3), planes = x.Size(0) * x.Size(1);
        var gx = Tensor.Zeros(x.Shape.ToArray());
        var d = gx.AsSpan(); var gs = g.AsSpan();
        for (int pl = 0; pl < planes; pl++)
        for (int i = 0; i < oh; i++)
        for (int ky = 0; ky < kh; ky++)
        {
            int iy = i + ky - p.Top;
            if ((uint)iy >= (uint)h) continue;
            for (int kx = 0; kx < kw; kx++)
            {
                float kv = k[ky * kw + kx];
                int jlo = Math.Max(0, p.Left - kx), jhi = Math.Min(ow, w + p.Left - kx);
                for (int j = jlo; j < jhi; j++) d[(pl * h + iy) * w + j + kx - p.Left] += kv * gs[(pl * oh + i) * ow + j];
            }
        }
        Autograd.Accumulate(x, gx);
    });
}
