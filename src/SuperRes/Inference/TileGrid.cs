namespace SuperRes.Inference;

/// <summary>
/// Cuts an image into tiles: a grid of cores that cover the image once, each seen by the network
/// through a padded window (core plus <c>margin</c> on every side, clipped to the image). The
/// cores are balanced (<c>ceil(n / tiles)</c> pixels each, rounded up to the alignment) and every
/// window is widened inward at the image border to the same size as the others, so all tiles
/// share one tensor shape: the pool reuses its buffers and a border tile gets more context, not
/// less. With the core size and <c>margin</c> multiples of a model's alignment, every window
/// origin is aligned too, so networks with strided layers sample the same positions as on the
/// whole image.
/// </summary>
internal static class TileGrid
{
    /// <summary>The tiles in raster order.</summary>
    public static IReadOnlyList<Tile> Create(int width, int height, int tileWidth, int tileHeight, int margin, int alignment = 1) =>
        Rows(width, height, tileWidth, tileHeight, margin, alignment).SelectMany(row => row).ToList();

    /// <summary>The tiles row by row, top to bottom (for output in bands).</summary>
    public static IReadOnlyList<IReadOnlyList<Tile>> Rows(int width, int height, int tileWidth, int tileHeight, int margin, int alignment = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(tileWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(tileHeight, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(margin);
        ArgumentOutOfRangeException.ThrowIfLessThan(alignment, 1);
        var columns = Spans(width, tileWidth, margin, alignment);
        return Spans(height, tileHeight, margin, alignment)
            .Select(r => (IReadOnlyList<Tile>)columns
                .Select(c => new Tile(c.Core, r.Core, c.CoreLength, r.CoreLength, c.Window, r.Window, c.WindowLength, r.WindowLength))
                .ToList())
            .ToList();
    }

    /// <summary>
    /// Core and window sizes for an image: the whole image when its padded area fits in
    /// <paramref name="budgetPixels"/>; otherwise full-width strips or squares, whichever makes
    /// the network see fewer pixels in all (strips pay the margin on two sides only).
    /// </summary>
    public static (int Width, int Height) ChooseCore(int width, int height, long budgetPixels, int margin, int alignment)
    {
        if ((long)width * height <= budgetPixels) return (width, height);
        int side = Math.Max(RoundUp(16, alignment), ((int)Math.Sqrt(budgetPixels) - 2 * margin) / alignment * alignment);
        int strip = (int)Math.Min(height, budgetPixels / width - 2 * margin) / alignment * alignment;
        if (strip < Math.Max(16, alignment)) return (side, side);
        return SeenPixels(width, height, width, strip, margin, alignment) <= SeenPixels(width, height, side, side, margin, alignment)
            ? (width, strip)
            : (side, side);
    }

    private static long SeenPixels(int width, int height, int tileWidth, int tileHeight, int margin, int alignment) =>
        Spans(width, tileWidth, margin, alignment).Sum(s => (long)s.WindowLength)
        * Spans(height, tileHeight, margin, alignment).Sum(s => (long)s.WindowLength);

    private readonly record struct Span(int Core, int CoreLength, int Window, int WindowLength);

    /// <summary>One axis: balanced cores of at most <paramref name="tile"/> (when aligned), windows of one length.</summary>
    private static List<Span> Spans(int length, int tile, int margin, int alignment)
    {
        int count = (length + tile - 1) / tile;
        int core = RoundUp((length + count - 1) / count, alignment);
        int window = Math.Min(length, core + 2 * margin);
        var spans = new List<Span>(count);
        for (int start = 0; start < length; start += core)
        {
            int end = Math.Min(length, start + core);
            int lo = Math.Max(0, start - margin), hi = Math.Min(length, end + margin);
            // Widen inward to the common window length: at the right/bottom border by moving the
            // origin back (kept aligned), at the left/top border by reaching further on.
            if (hi - lo < window)
            {
                if (hi == length) lo = Math.Max(0, length - window) / alignment * alignment;
                else hi = Math.Min(length, lo + window);
            }
            spans.Add(new Span(start, end - start, lo, hi - lo));
        }
        return spans;
    }

    internal static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
