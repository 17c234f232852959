using SuperRes.Processing;

namespace SuperRes.Inference;

/// <summary>
/// Where a tile contributes to the output when tiles are blended, and with what weight: the core
/// widened by <c>halfWidth</c> HR pixels towards each neighbour, the weight falling across each seam
/// as a raised cosine, 0.5 (1 + cos(pi t)) over a band of 2 <c>halfWidth</c> centred on the seam,
/// while the neighbour's rises as 0.5 (1 - cos(pi t)). The two sum to 1, so blending a function
/// that tiles agree on leaves it unchanged; the weight and its slope are continuous, so no seam is left.
/// </summary>
internal readonly record struct TileBlend(int Start, int End, float[] Weights)
{
    /// <summary>
    /// The blend along one axis for a core [<paramref name="coreStart"/>, <paramref name="coreEnd"/>) in HR pixels
    /// of an output <paramref name="length"/> long; the sides at the image border do not blend.
    /// </summary>
    public static TileBlend Along(int coreStart, int coreEnd, int length, int halfWidth)
    {
        bool before = coreStart > 0, after = coreEnd < length;
        int start = before ? Math.Max(0, coreStart - halfWidth) : coreStart;
        int end = after ? Math.Min(length, coreEnd + halfWidth) : coreEnd;
        var weights = new float[end - start];
        for (int p = start; p < end; p++)
        {
            double w = 1;
            if (before) w *= Rise((p + 0.5 - (coreStart - halfWidth)) / (2.0 * halfWidth));
            if (after) w *= 1 - Rise((p + 0.5 - (coreEnd - halfWidth)) / (2.0 * halfWidth));
            weights[p - start] = (float)w;
        }
        return new TileBlend(start, end, weights);
    }

    /// <summary>0 before the band, a raised cosine across it, 1 after.</summary>
    private static double Rise(double t) => t <= 0 ? 0 : t >= 1 ? 1 : 0.5 * (1 - Math.Cos(Math.PI * t));

    /// <summary>
    /// Adds <paramref name="tile"/> (a tile's output, its origin at HR (<paramref name="tileX"/>, <paramref name="tileY"/>)),
    /// times the weights of <paramref name="columns"/> and <paramref name="rows"/>, to <paramref name="sum"/> and the
    /// weights to <paramref name="weight"/>; both hold output rows from <paramref name="firstRow"/>.
    /// </summary>
    public static void Accumulate(Plane[] tile, int tileX, int tileY, TileBlend columns, TileBlend rows, Plane[] sum, Plane weight, int firstRow)
    {
        int width = sum[0].Width;
        for (int y = rows.Start; y < rows.End; y++)
        {
            float wy = rows.Weights[y - rows.Start];
            int target = (y - firstRow) * width;
            for (int x = columns.Start; x < columns.End; x++)
                weight.Data[target + x] += wy * columns.Weights[x - columns.Start];
            for (int c = 0; c < tile.Length; c++)
            {
                var source = tile[c].Data;
                var destination = sum[c].Data;
                int offset = (y - tileY) * tile[c].Width - tileX;
                for (int x = columns.Start; x < columns.End; x++)
                    destination[target + x] += wy * columns.Weights[x - columns.Start] * source[offset + x];
            }
        }
    }

    /// <summary>Divides the sums by the weights, in place, for <paramref name="count"/> rows from <paramref name="row"/> (of the planes).</summary>
    public static void Normalize(Plane[] sum, Plane weight, int row, int count)
    {
        int width = weight.Width;
        for (int i = row * width; i < (row + count) * width; i++)
        {
            float w = weight.Data[i];
            if (w == 1f) continue;
            foreach (var p in sum) p.Data[i] /= w;
        }
    }
}
