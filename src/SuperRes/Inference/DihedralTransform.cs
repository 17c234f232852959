namespace SuperRes.Inference;

/// <summary>
/// The 8 flips and rotations of [c, h, w] planes used by the x8 self-ensemble (Lim et al., EDSR,
/// 2017): transform <c>t</c> mirrors the columns when <c>t &gt;= 4</c>, then rotates by
/// <c>(t % 4)</c> quarter turns clockwise. <see cref="Invert"/> undoes it.
/// </summary>
internal static class DihedralTransform
{
    public const int Count = 8;

    /// <summary>Applies transform <paramref name="t"/>; returns the new data and its height and width.</summary>
    public static (float[] Data, int Height, int Width) Apply(float[] data, int channels, int height, int width, int t)
    {
        var (d, h, w) = t >= 4 ? (Mirror(data, channels, height, width), height, width) : (data, height, width);
        for (int r = 0; r < t % 4; r++) (d, h, w) = (RotateClockwise(d, channels, h, w), w, h);
        return (d, h, w);
    }

    /// <summary>Undoes transform <paramref name="t"/> on data whose (transformed) size is <paramref name="height"/> x <paramref name="width"/>.</summary>
    public static (float[] Data, int Height, int Width) Invert(float[] data, int channels, int height, int width, int t)
    {
        var (d, h, w) = (data, height, width);
        for (int r = 0; r < (4 - t % 4) % 4; r++) (d, h, w) = (RotateClockwise(d, channels, h, w), w, h);
        if (t >= 4) d = Mirror(d, channels, h, w);
        return (d, h, w);
    }

    private static float[] Mirror(float[] src, int channels, int height, int width)
    {
        var dst = new float[src.Length];
        for (int c = 0; c < channels; c++)
            for (int y = 0; y < height; y++)
            {
                int row = (c * height + y) * width;
                for (int x = 0; x < width; x++) dst[row + x] = src[row + width - 1 - x];
            }
        return dst;
    }

    /// <summary>[c, h, w] to [c, w, h]: destination (y, x) takes source (h - 1 - x, y).</summary>
    private static float[] RotateClockwise(float[] src, int channels, int height, int width)
    {
        var dst = new float[src.Length];
        int area = height * width;
        for (int c = 0; c < channels; c++)
            for (int y = 0; y < width; y++)
                for (int x = 0; x < height; x++)
                    dst[c * area + y * height + x] = src[c * area + (height - 1 - x) * width + y];
        return dst;
    }
}
