namespace SuperRes.Tensors;

/// <summary>2-D average and max pooling (no padding, floor output size, as PyTorch's defaults).</summary>
public static partial class Ops
{
    public static Tensor AvgPool2d(Tensor x, int kernel, int stride = 0)
    {
        var (n, c, h, w, oh, ow, s) = PoolGeometry(x, kernel, stride);
        var y = Tensor.EmptyOwned([n, c, oh, ow]);
        var xs = x.AsSpan(); var ys = y.AsSpan();
        float inv = 1f / (kernel * kernel);
        for (int p = 0; p < n * c; p++)
        for (int i = 0; i < oh; i++)
        for (int j = 0; j < ow; j++)
        {
            float sum = 0;
            for (int ky = 0; ky < kernel; ky++)
            for (int kx = 0; kx < kernel; kx++)
                sum += xs[(p * h + i * s + ky) * w + j * s + kx];
            ys[(p * oh + i) * ow + j] = sum * inv;
        }
        if (Autograd.Needs(x)) RecordAvgPool(x, y, kernel, s);
        return y;
    }

    private static void RecordAvgPool(Tensor x, Tensor y, int k, int s) => Autograd.Record(y, "avg_pool2d", [x], g =>
    {
        int nc = x.Size(0) * x.Size(1), h = x.Size(2), w = x.Size(3), oh = y.Size(2), ow = y.Size(3);
        var gx = Tensor.Zeros(x.Shape.ToArray());
        var d = gx.AsSpan(); var gs = g.AsSpan();
        float inv = 1f / (k * k);
        for (int p = 0; p < nc; p++)
        for (int i = 0; i < oh; i++)
        for (int j = 0; j < ow; j++)
        {
            float v = gs[(p * oh + i) * ow + j] * inv;
            for (int ky = 0; ky < k; ky++)
            for (int kx = 0; kx < k; kx++)
                d[(p * h + i * s + ky) * w + j * s + kx] += v;
        }
        Autograd.Accumulate(x, gx);
    });

    /// <summary>Max pooling; the gradient goes to the first maximum of each window.</summary>
    public static Tensor MaxPool2d(Tensor x, int kernel, int stride = 0)
    {
        var (n, c, h, w, oh, ow, s) = PoolGeometry(x, kernel, stride);
        var y = Tensor.EmptyOwned([n, c, oh, ow]);
        var xs = x.AsSpan(); var ys = y.AsSpan();
        bool record = Autograd.Needs(x);
        var argmax = record ? new int[y.Length] : null;
        for (int p = 0; p < n * c; p++)
        for (int i = 0; i < oh; i++)
        for (int j = 0; j < ow; j++)
        {
            int best = (p * h + i * s) * w + j * s;
            for (int ky = 0; ky < kernel; ky++)
            for (int kx = 0; kx < kernel; kx++)
            {
                int at = (p * h + i * s + ky) * w + j * s + kx;
                if (xs[at] > xs[best]) best = at;
            }
            int o = (p * oh + i) * ow + j;
            ys[o] = xs[best];
            if (argmax != null) argmax[o] = best;
        }
        if (record) RecordMaxPool(x, y, argmax!);
        return y;
    }

    private static void RecordMaxPool(Tensor x, Tensor y, int[] argmax) => Autograd.Record(y, "max_pool2d", [x], g =>
    {
        var gx = Tensor.Zeros(x.Shape.ToArray());
        var d = gx.AsSpan(); var gs = g.AsSpan();
        for (int o = 0; o < argmax.Length; o++) d[argmax[o]] += gs[o];
        Autograd.Accumulate(x, gx);
    });

    private static (int N, int C, int H, int W, int OH, int OW, int S) PoolGeometry(Tensor x, int kernel, int stride)
    {
        Shapes.RequireRank(x, 4, "pool2d");
        int s = stride <= 0 ? kernel : stride;
        if (kernel < 1 || kernel > x.Size(2) || kernel > x.Size(3))
            throw new ArgumentException($"pool2d: kernel {kernel} does not fit input {x.ShapeString}.");
        return (x.Size(0), x.Size(1), x.Size(2), x.Size(3), (x.Size(2) - kernel) / s + 1, (x.Size(3) - kernel) / s + 1, s);
    }
}
