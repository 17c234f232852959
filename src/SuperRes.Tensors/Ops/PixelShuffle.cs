namespace SuperRes.Tensors;

/// <summary>Pixel shuffle [N,C·r²,H,W] → [N,C,H·r,W·r] (Shi et al. 2016, PyTorch order) and its inverse.</summary>
public static partial class Ops
{
    public static Tensor PixelShuffle(Tensor x, int r)
    {
        Shapes.RequireRank(x, 4, "pixel_shuffle");
        if (r < 1 || x.Size(1) % (r * r) != 0) throw new ArgumentException($"pixel_shuffle: {x.Size(1)} channels not divisible by {r}².");
        var y = Tensor.EmptyOwned([x.Size(0), x.Size(1) / (r * r), x.Size(2) * r, x.Size(3) * r]);
        Shuffle(x, y, r, toSpace: true);
        if (Autograd.Needs(x)) RecordShuffle(x, y, r, true);
        return y;
    }

    public static Tensor PixelUnshuffle(Tensor x, int r)
    {
        Shapes.RequireRank(x, 4, "pixel_unshuffle");
        if (r < 1 || x.Size(2) % r != 0 || x.Size(3) % r != 0) throw new ArgumentException($"pixel_unshuffle: {x.ShapeString} not divisible by {r}.");
        var y = Tensor.EmptyOwned([x.Size(0), x.Size(1) * r * r, x.Size(2) / r, x.Size(3) / r]);
        Shuffle(y, x, r, toSpace: false);
        if (Autograd.Needs(x)) RecordShuffle(x, y, r, false);
        return y;
    }

    private static void RecordShuffle(Tensor x, Tensor y, int r, bool toSpace) => Autograd.Record(y, toSpace ? "pixel_shuffle" : "pixel_unshuffle", [x], g =>
    {
        var gx = NewLike(x);
        if (toSpace) Shuffle(gx, g, r, toSpace: false);
        else Shuffle(g, gx, r, toSpace: true);
        Autograd.Accumulate(x, gx);
    });

    /// <summary>Copies between the channel form <paramref name="deep"/> and the spatial form <paramref name="wide"/>, in the given direction.</summary>
    private static void Shuffle(Tensor deep, Tensor wide, int r, bool toSpace)
    {
        int n = wide.Size(0), c = wide.Size(1), h = deep.Size(2), w = deep.Size(3);
        var d = deep.AsSpan(); var s = wide.AsSpan();
        for (int b = 0; b < n; b++)
        for (int k = 0; k < c; k++)
        for (int i = 0; i < r; i++)
        for (int j = 0; j < r; j++)
        {
            int plane = ((b * c + k) * r + i) * r + j;
            for (int y = 0; y < h; y++)
            {
                int src = (plane * h + y) * w;
                int dst = ((b * c + k) * h * r + y * r + i) * w * r + j;
                if (toSpace) for (int x = 0; x < w; x++) s[dst + x * r] = d[src + x];
                else for (int x = 0; x < w; x++) d[src + x] = s[dst + x * r];
            }
        }
    }
}
