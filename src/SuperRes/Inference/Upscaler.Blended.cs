using SuperRes.Evaluation;
using SuperRes.Imaging;
using SuperRes.Processing;

namespace SuperRes.Inference;

/// <summary>Tiling with blended seams, for networks that see farther than the overlap.</summary>
public sealed partial class Upscaler
{
    /// <summary><see cref="UpscalePlanes"/> with blending: weighted sums over the whole output, then divided by the summed weights.</summary>
    private Plane[] UpscalePlanesBlended(IReadOnlyList<Plane> lowResolution, int width, int height)
    {
        int outWidth = width * Scale, outHeight = height * Scale, half = BlendHalfWidth * Scale;
        Plane[]? sum = null;
        var weight = new Plane(outWidth, outHeight);
        var (coreWidth, coreHeight) = TileCore(width, height);
        ForEachTile([TileGrid.Create(width, height, coreWidth, coreHeight, Margin, OriginAlignment)], tile =>
        {
            var result = _network.Upscale(lowResolution.Select(p => Crop(p, tile)).ToArray(), Scale);
            sum ??= result.Select(_ => new Plane(outWidth, outHeight)).ToArray();
            TileBlend.Accumulate(result, tile.X * Scale, tile.Y * Scale,
                TileBlend.Along(tile.CoreX * Scale, (tile.CoreX + tile.CoreWidth) * Scale, outWidth, half),
                TileBlend.Along(tile.CoreY * Scale, (tile.CoreY + tile.CoreHeight) * Scale, outHeight, half),
                sum, weight, 0);
        });
        TileBlend.Normalize(sum!, weight, 0, outHeight);
        return sum!;
    }

    /// <summary>
    /// <see cref="Upscale(Image, Action{Image})"/> with blending. Row r of tiles reaches half a blend
    /// band into the bands above and below, so band r - 1 is finished (and handed out) only after
    /// row r: the weighted sums are kept in floats for the rows still open (a band and a blend band
    /// more), finished rows go straight into 8-bit (or 16-bit) bands, two of which are alive at once.
    /// </summary>
    private void UpscaleBlended(Image image, IReadOnlyList<IReadOnlyList<Tile>> rows, int outWidth, int outHeight, Action<Image> writeBand)
    {
        int half = BlendHalfWidth * Scale;
        Plane[]? sum = null;
        Plane? weight = null;
        int windowTop = 0; // output row of the accumulators' first row
        Image? previousBand = null, band = null, spare = null;
        int previousTop = 0;
        for (int r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            int top = row[0].CoreY * Scale, height = row[0].CoreHeight * Scale;
            bool last = r == rows.Count - 1;
            int reachTop = r == 0 ? 0 : Math.Max(0, top - half);
            int reachBottom = last ? outHeight : Math.Min(outHeight, top + height + half);

            // Accumulators for [reachTop, reachBottom), carrying over what the previous row left open.
            var nextSum = Enumerable.Range(0, image.Channels).Select(_ => new Plane(outWidth, reachBottom - reachTop)).ToArray();
            var nextWeight = new Plane(outWidth, reachBottom - reachTop);
            if (sum is not null)
            {
                int carried = windowTop + weight!.Height - reachTop, from = (reachTop - windowTop) * outWidth;
                for (int c = 0; c < sum.Length; c++) Array.Copy(sum[c].Data, from, nextSum[c].Data, 0, carried * outWidth);
                Array.Copy(weight.Data, from, nextWeight.Data, 0, carried * outWidth);
            }
            (sum, weight, windowTop) = (nextSum, nextWeight, reachTop);

            if (band is null || band.Height != height) band = spare is { } s && s.Height == height ? s : new Image(outWidth, height, image.Channels, image.BitDepth);
            ForEachTile([row], tile =>
            {
                var lr = ImagePlanes.Split(image, tile.X, tile.Y, tile.Width, tile.Height);
                var color = ColorUpscaler.Upscale(_network, lr[..image.ColorChannels], Scale);
                Plane[] hr = image.HasAlpha ? [.. color, Imresize.Resize(lr[^1], Scale)] : color;
                TileBlend.Accumulate(hr, tile.X * Scale, tile.Y * Scale,
                    TileBlend.Along(tile.CoreX * Scale, (tile.CoreX + tile.CoreWidth) * Scale, outWidth, half),
                    TileBlend.Along(tile.CoreY * Scale, (tile.CoreY + tile.CoreHeight) * Scale, outHeight, half),
                    sum, weight, windowTop);
            });

            // The rest of the band above is final now: finish it and hand it out.
            if (previousBand is not null)
            {
                Finish(sum, weight, windowTop, reachTop, top, previousBand, previousTop);
                writeBand(previousBand);
                spare = previousBand;
            }
            // This band is final except the rows the next row of tiles still reaches.
            int done = last ? top + height : Math.Max(top, top + height - half);
            Finish(sum, weight, windowTop, top, done, band, top);
            if (last) writeBand(band);
            (previousBand, previousTop) = (band, top);
            band = null;
        }
    }

    /// <summary>Divides output rows [<paramref name="from"/>, <paramref name="to"/>) by their weights and writes them into <paramref name="band"/> (whose first row is <paramref name="bandTop"/>).</summary>
    private static void Finish(Plane[] sum, Plane weight, int windowTop, int from, int to, Image band, int bandTop)
    {
        if (to <= from) return;
        TileBlend.Normalize(sum, weight, from - windowTop, to - from);
        ImagePlanes.MergeInto(sum, 0, from - windowTop, weight.Width, to - from, band, 0, from - bandTop);
    }
}
