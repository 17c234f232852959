namespace SuperRes.Tensors;

/// <summary>Spatial padding of [N,C,H,W] (zero, reflect, replicate) by index maps; backward scatters through the same maps.</summary>
public static partial class Ops
{
    public static Tensor Pad(Tensor x, Padding2d p, PadMode mode = PadMode.Zero)
    {
        Shapes.RequireRank(x, 4, "pad");
        if (p.Top < 0 || p.Left < 0 || p.Bottom < 0 || p.Right < 0) throw new ArgumentException("pad: negative padding (use Slice to crop).");
        int h = x.Size(2), w = x.Size(3);
        var rows = PadMap(h, p.Top, p.Bottom, mode);
        var cols = PadMap(w, p.Left, p.Right, mode);
        var y = Tensor.EmptyOwned([x.Size(0), x.Size(1), rows.Length, cols.Length]);
        var xs = x.AsSpan(); var ys = y.AsSpan();
        int planes = x.Size(0) * x.Size(1), oh = rows.Length, ow = cols.Length;
        for (int pl = 0; pl < planes; pl++)
        for (int i = 0; i < oh; i++)
        for (int j = 0; j < ow; j++)
            ys[(pl * oh + i) * ow + j] = rows[i] < 0 || cols[j] < 0 ? 0f : xs[(pl * h + rows[i]) * w + cols[j]];
        if (Autograd.Needs(x)) RecordPad(x, y, rows, cols);
        return y;
    }

    private static void RecordPad(Tensor x, Tensor y, int[] rows, int[] cols) => Autograd.Record(y, "pad", [x], g =>
    {
        int h = x.Size(2), w = x.Size(3), oh = rows.Length, ow = cols.Length, planes = x.Size(0) * x.Size(1);
        var gx = Tensor.Zeros(x.Shape.ToArray());
        var d = gx.AsSpan(); var gs = g.AsSpan();
        for (int pl = 0; pl < planes; pl++)
        for (int i = 0; i < oh; i++)
        {
            if (rows[i] < 0) continue;
            for (int j = 0; j < ow; j++)
                if (cols[j] >= 0) d[(pl * h + rows[i]) * w + cols[j]] += gs[(pl * oh + i) * ow + j];
        }
        Autograd.Accumulate(x, gx);
    });

    /// <summary>Source index of each padded position along one axis; -1 for zero fill.</summary>
    private static int[] PadMap(int n, int before, int after, PadMode mode)
    {
        if (mode == PadMode.Reflect && (before >= n || after >= n))
            throw new ArgumentException($"pad: reflect padding ({before}, {after}) must be smaller than the size {n}.");
        if (mode == PadMode.Replicate && n == 0) throw new ArgumentException("pad: cannot replicate an empty axis.");
        var map = new int[n + before + after];
        for (int i = 0; i < map.Length; i++)
        {
            int s = i - before;
            map[i] = mode switch
            {
                PadMode.Zero => s < 0 || s >= n ? -1 : s,
                PadMode.Replicate => Math.Clamp(s, 0, n - 1),
                _ => s < 0 ? -s : s >= n ? 2 * (n - 1) - s : s,
            };
        }
        return map;
    }
}
