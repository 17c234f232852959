namespace SuperRes.Inference;

/// <summary>
/// Cuts an image into tiles: cores of <c>tileSize</c> on a grid starting at the origin, each
/// padded by <c>margin</c> on every side and clipped to the image. With <c>tileSize</c> and
/// <c>margin</c> multiples of a model's alignment, every padded origin is aligned too, so networks
/// with strided layers sample the same positions as on the whole image.
/// </summary>
internal static class TileGrid
{
    /// <summary>The tiles, grouped by padded size (so the tensor pool reuses buffers within a group).</summary>
    public static IReadOnlyList<Tile> Create(int width, int height, int tileSize, int margin) =>
        Raster(width, height, tileSize, margin).OrderBy(t => t.Height).ThenBy(t => t.Width).ToList(); // stable: raster order within a size

    /// <summary>
    /// The tiles row by row, top to bottom (for output in bands). Within a row they are grouped by
    /// width, ascending in even rows and descending in odd ones, so a row starts with the size the
    /// previous one ended with and the tensor pool is trimmed less often.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<Tile>> Rows(int width, int height, int tileSize, int margin) =>
        Raster(width, height, tileSize, margin)
            .GroupBy(t => t.CoreY)
            .Select((row, i) => (IReadOnlyList<Tile>)(i % 2 == 0 ? row.OrderBy(t => t.Width) : row.OrderByDescending(t => t.Width)).ToList())
            .ToList();

    private static List<Tile> Raster(int width, int height, int tileSize, int margin)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tileSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(margin);
        var tiles = new List<Tile>();
        for (int y = 0; y < height; y += tileSize)
            for (int x = 0; x < width; x += tileSize)
            {
                int w = Math.Min(tileSize, width - x), h = Math.Min(tileSize, height - y);
                int x0 = Math.Max(0, x - margin), y0 = Math.Max(0, y - margin);
                int x1 = Math.Min(width, x + w + margin), y1 = Math.Min(height, y + h + margin);
                tiles.Add(new Tile(x, y, w, h, x0, y0, x1 - x0, y1 - y0));
            }
        return tiles;
    }
}
