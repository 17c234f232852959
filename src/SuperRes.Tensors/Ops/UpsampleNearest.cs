namespace SuperRes.Tensors;

/// <summary>
/// Nearest-neighbour upsampling of [N,C,H,W] by an integer factor (PyTorch's
/// <c>F.interpolate(scale_factor=s, mode="nearest")</c>): every input pixel becomes an s x s block.
/// Forward widens a row once and copies it s times; backward sums each s x s block. The general
/// <see cref="Resize"/> with <see cref="ResampleMode.Nearest"/> is the reference it is tested against.
/// </summary>
public static partial class Ops
{
    public static Tensor UpsampleNearest(Tensor x, int scale)
    {
        Shapes.RequireRank(x, 4, "upsample_nearest");
        if (scale < 1) throw new ArgumentException($"upsample_nearest: scale {scale} must be positive.");
        int planes = x.Size(0) * x.Size(1), h = x.Size(2), w = x.Size(3), ow = w * scale;
        var y = Tensor.EmptyOwned([x.Size(0), x.Size(1), h * scale, ow]);
        var xs = x.AsSpan(); var ys = y.AsSpan();
        for (int p = 0; p < planes; p++)
        for (int r = 0; r < h; r++)
        {
            var src = xs.Slice((p * h + r) * w, w);
            var first = ys.Slice(((p * h + r) * scale) * ow, ow);
            if (scale == 2)
                for (int c = 0; c < w; c++) first[2 * c] = first[2 * c + 1] = src[c];
            else
                for (int c = 0; c < w; c++) first.Slice(c * scale, scale).Fill(src[c]);
            for (int k = 1; k < scale; k++) first.CopyTo(ys.Slice(((p * h + r) * scale + k) * ow, ow));
        }
        if (Autograd.Needs(x)) RecordUpsampleNearest(x, y, scale);
        return y;
    }

    private static void RecordUpsampleNearest(Tensor x, Tensor y, int scale) => Autograd.Record(y, "upsample_nearest", [x], g =>
    {
        var gx = NewLike(x);
        int planes = x.Size(0) * x.Size(1), h = x.Size(2), w = x.Size(3), ow = w * scale;
        var gs = g.AsSpan(); var d = gx.AsSpan();
        for (int p = 0; p < planes; p++)
        for (int r = 0; r < h; r++)
        {
            var dst = d.Slice((p * h + r) * w, w);
            dst.Clear();
            for (int k = 0; k < scale; k++)
            {
                var row = gs.Slice(((p * h + r) * scale + k) * ow, ow);
                for (int c = 0; c < w; c++)
                {
                    float acc = 0;
                    for (int j = 0; j < scale; j++) acc += row[c * scale + j];
                    dst[c] += acc;
                }
            }
        }
        Autograd.Accumulate(x, gx);
    });
}
