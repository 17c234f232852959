using SuperRes.Tensors.Cpu;

namespace SuperRes.Tensors;

/// <summary>
/// Nearest, bilinear and bicubic resizing of [N,C,H,W] with PyTorch's align_corners=False
/// coordinates. All three are separable linear maps given by per-axis (index, weight) taps; the
/// backward pass applies the transposed taps, so every mode has a gradient.
/// </summary>
public static partial class Ops
{
    /// <summary>Integer-factor upsampling (output H·scale × W·scale); nearest takes the <see cref="UpsampleNearest"/> fast path.</summary>
    public static Tensor Upsample(Tensor x, int scale, ResampleMode mode) =>
        mode == ResampleMode.Nearest && scale >= 1 ? UpsampleNearest(x, scale) : Resize(x, x.Size(2) * scale, x.Size(3) * scale, mode);

    public static Tensor Upsample(Tensor x, int outHeight, int outWidth, ResampleMode mode) => Resize(x, outHeight, outWidth, mode);

    public static Tensor Resize(Tensor x, int outHeight, int outWidth, ResampleMode mode)
    {
        Shapes.RequireRank(x, 4, "resize");
        if (outHeight < 1 || outWidth < 1 || x.Size(2) < 1 || x.Size(3) < 1)
            throw new ArgumentException($"resize: cannot resize {x.ShapeString} to {outHeight}x{outWidth}.");
        var rows = Taps.Create(x.Size(2), outHeight, mode);
        var cols = Taps.Create(x.Size(3), outWidth, mode);
        var y = Tensor.EmptyOwned([x.Size(0), x.Size(1), outHeight, outWidth]);
        ApplyTaps(x, y, rows, cols);
        if (Autograd.Needs(x)) RecordResize(x, y, rows, cols);
        return y;
    }

    private static void RecordResize(Tensor x, Tensor y, Taps rows, Taps cols) => Autograd.Record(y, "resize", [x], g =>
    {
        var gx = NewLike(x);
        ApplyTransposedTaps(g, gx, rows, cols);
        Autograd.Accumulate(x, gx);
    });

    private static void ApplyTaps(Tensor x, Tensor y, Taps rows, Taps cols)
    {
        int planes = x.Size(0) * x.Size(1), h = x.Size(2), w = x.Size(3), oh = rows.Count, ow = cols.Count;
        var tmpBuffer = Tensor.EmptyOwned([planes, h, ow]);
        var xa = x; var ya = y; var ta = tmpBuffer;
        Parallel2.For(planes, (long)planes * (h + oh) * ow * 4, (start, end) =>
        {
            var xs = xa.AsSpan(); var ys = ya.AsSpan(); var ts = ta.AsSpan();
            for (int p = start; p < end; p++)
            {
                for (int i = 0; i < h; i++)
                for (int j = 0; j < ow; j++)
                {
                    float s = 0;
                    for (int t = 0; t < cols.Width; t++) s += cols.Weight[j * cols.Width + t] * xs[(p * h + i) * w + cols.Index[j * cols.Width + t]];
                    ts[(p * h + i) * ow + j] = s;
                }
                for (int i = 0; i < oh; i++)
                {
                    var row = ys.Slice((p * oh + i) * ow, ow);
                    row.Clear();
                    for (int t = 0; t < rows.Width; t++)
                        System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(ts.Slice((p * h + rows.Index[i * rows.Width + t]) * ow, ow),
                            rows.Weight[i * rows.Width + t], row, row);
                }
            }
        });
        tmpBuffer.Dispose();
    }

    private static void ApplyTransposedTaps(Tensor g, Tensor gx, Taps rows, Taps cols)
    {
        int planes = gx.Size(0) * gx.Size(1), h = gx.Size(2), w = gx.Size(3), oh = rows.Count, ow = cols.Count;
        var tmp = Tensor.EmptyOwned([planes, h, ow]);
        var ga = g; var xa = gx;
        Parallel2.For(planes, (long)planes * (h + oh) * ow * 4, (start, end) =>
        {
            var gs = ga.AsSpan(); var ds = xa.AsSpan(); var ts = tmp.AsSpan();
            for (int p = start; p < end; p++)
            {
                ts.Slice(p * h * ow, h * ow).Clear();
                for (int i = 0; i < oh; i++)
                for (int t = 0; t < rows.Width; t++)
                {
                    var dst = ts.Slice((p * h + rows.Index[i * rows.Width + t]) * ow, ow);
                    System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(gs.Slice((p * oh + i) * ow, ow), rows.Weight[i * rows.Width + t], dst, dst);
                }
                ds.Slice(p * h * w, h * w).Clear();
                for (int i = 0; i < h; i++)
                for (int j = 0; j < ow; j++)
                {
                    float v = ts[(p * h + i) * ow + j];
                    for (int t = 0; t < cols.Width; t++) ds[(p * h + i) * w + cols.Index[j * cols.Width + t]] += cols.Weight[j * cols.Width + t] * v;
                }
            }
        });
        tmp.Dispose();
    }

    /// <summary>For each output position along one axis: <see cref="Width"/> source indices and weights.</summary>
    private sealed class Taps(int count, int width)
    {
        public int Count { get; } = count;
        public int Width { get; } = width;
        public int[] Index { get; } = new int[count * width];
        public float[] Weight { get; } = new float[count * width];

        public static Taps Create(int inSize, int outSize, ResampleMode mode)
        {
            double scale = (double)inSize / outSize;
            var taps = new Taps(outSize, mode switch { ResampleMode.Nearest => 1, ResampleMode.Bilinear => 2, _ => 4 });
            for (int o = 0; o < outSize; o++)
            {
                int b = o * taps.Width;
                switch (mode)
                {
                    case ResampleMode.Nearest:
                        taps.Index[b] = Math.Min((int)Math.Floor(o * scale), inSize - 1);
                        taps.Weight[b] = 1;
                        break;
                    case ResampleMode.Bilinear:
                    {
                        double src = Math.Max(0, scale * (o + 0.5) - 0.5);
                        int i0 = Math.Min((int)src, inSize - 1);
                        double l = Math.Min(src - i0, 1);
                        taps.Index[b] = i0;
                        taps.Index[b + 1] = Math.Min(i0 + 1, inSize - 1);
                        taps.Weight[b] = (float)(1 - l);
                        taps.Weight[b + 1] = (float)l;
                        break;
                    }
                    default:
                    {
                        double src = scale * (o + 0.5) - 0.5;
                        int i = (int)Math.Floor(src);
                        double t = src - i;
                        const double a = -0.75;
                        double Near(double d) => ((a + 2) * d - (a + 3)) * d * d + 1;
                        double Far(double d) => ((a * d - 5 * a) * d + 8 * a) * d - 4 * a;
                        double[] wts = [Far(t + 1), Near(t), Near(1 - t), Far(2 - t)];
                        for (int k = 0; k < 4; k++)
                        {
                            taps.Index[b + k] = Math.Clamp(i - 1 + k, 0, inSize - 1);
                            taps.Weight[b + k] = (float)wts[k];
                        }
                        break;
                    }
                }
            }
            return taps;
        }
    }
}
