using System.Diagnostics;
using SuperRes.Evaluation;
using SuperRes.Imaging;
using SuperRes.Models;
using SuperRes.Processing;
using SuperRes.Tensors;

namespace SuperRes.Inference;

/// <summary>
/// Runs a <see cref="SuperResolutionModel"/> on an image of any size, tile by tile: each tile is
/// padded by an overlap that covers the network's receptive field (measured once by
/// <see cref="ModelProbe"/>) and only its core is kept, so the result equals the untiled one
/// while memory stays bounded by the tile. Tiles are written straight into the output.
/// Y models get Y and Cb/Cr are upscaled bicubically (<see cref="ColorUpscaler"/>); RGB models get
/// RGB; alpha is upscaled bicubically; the bit depth is kept. Multi-scale networks (LapSRN) run
/// at any of their levels.
/// </summary>
public sealed class Upscaler
{
    /// <summary>Bicubic upscaling of chroma and alpha reads 2 LR pixels around each output; keep one more.</summary>
    private const int BicubicMargin = 3;

    private readonly TileNetwork _network;
    private readonly TileNetwork _probeNetwork;
    private ModelProbe.Result? _probe;

    /// <param name="model">The network; its weights are not copied.</param>
    /// <param name="scale">The upscaling factor; by default the model's own. Must be one of <see cref="SupportedScales"/>.</param>
    public Upscaler(SuperResolutionModel model, int? scale = null, UpscalerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Options = options ?? new UpscalerOptions();
        Options.Validate();
        Model = model;
        Scale = scale ?? model.Scale;
        var supported = SupportedScales(model);
        if (!supported.Contains(Scale))
            throw new ArgumentException(
                $"{model.Architecture} (x{model.Scale}) upscales by {string.Join(" or ", supported)}, not by {Scale}.", nameof(scale));
        _network = new TileNetwork(model, Scale, Options.Ensemble);
        _probeNetwork = Options.Ensemble ? new TileNetwork(model, Scale, ensemble: false) : _network;
    }

    public SuperResolutionModel Model { get; }
    public int Scale { get; }
    public UpscalerOptions Options { get; }

    /// <summary>The scales a model can serve: every level of a pyramid network (LapSRN), otherwise the model's own scale.</summary>
    public static IReadOnlyList<int> SupportedScales(SuperResolutionModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model is IMultiLevelModel multiLevel
            ? Enumerable.Range(1, multiLevel.LevelCount).Select(level => 1 << level).ToArray()
            : [model.Scale];
    }

    /// <summary>Tile origins and sizes are multiples of this many LR pixels (strided networks need it).</summary>
    public int Alignment => Probe.Alignment;

    /// <summary>Context around each tile, in LR pixels.</summary>
    public int Overlap => RoundUp(Math.Max(Options.Overlap ?? Probe.Radius + 1, BicubicMargin), Alignment);

    /// <summary>The side of a tile's core in LR pixels.</summary>
    public int TileSize
    {
        get
        {
            if (Options.TileSize > 0) return RoundUp(Options.TileSize, Alignment);
            double padded = Math.Sqrt(Options.MemoryBudgetBytes / Math.Max(Probe.BytesPerPixel, 1));
            int core = (int)padded - 2 * Overlap;
            return Math.Max(RoundUp(16, Alignment), core / Alignment * Alignment);
        }
    }

    private ModelProbe.Result Probe => _probe ??= ModelProbe.Measure(_probeNetwork, Model.Channels);

    /// <summary>
    /// Upscales the planes a network takes (<see cref="SuperResolutionModel.Channels"/> of them, or one
    /// gray plane for an RGB model), in [0, 255]; the result is unrounded and unclipped.
    /// </summary>
    public Plane[] UpscalePlanes(IReadOnlyList<Plane> lowResolution)
    {
        ArgumentNullException.ThrowIfNull(lowResolution);
        if (lowResolution.Count == 0) throw new ArgumentException("No planes given.", nameof(lowResolution));
        int width = lowResolution[0].Width, height = lowResolution[0].Height;
        foreach (var p in lowResolution)
            if (p.Width != width || p.Height != height)
                throw new ArgumentException($"Planes differ in size: {width}x{height} and {p.Width}x{p.Height}.", nameof(lowResolution));
        Plane[]? output = null;
        ForEachTile(width, height, tile =>
        {
            var result = _network.Upscale(lowResolution.Select(p => Crop(p, tile)).ToArray(), Scale);
            output ??= result.Select(_ => new Plane(width * Scale, height * Scale)).ToArray();
            for (int c = 0; c < result.Length; c++) CopyCore(result[c], output[c], tile);
        });
        return output!;
    }

    /// <summary>Upscales a whole image: colour by the network, alpha bicubically, same bit depth.</summary>
    public Image Upscale(Image image)
    {
        ArgumentNullException.ThrowIfNull(image);
        long outWidth = (long)image.Width * Scale, outHeight = (long)image.Height * Scale;
        if (outWidth * outHeight * image.Channels > Array.MaxLength)
            throw new ArgumentException($"A {image.Width}x{image.Height} image upscaled x{Scale} is too large ({outWidth}x{outHeight}).", nameof(image));
        var planes = ImagePlanes.Split(image);
        var output = new Image((int)outWidth, (int)outHeight, image.Channels, image.BitDepth);
        ForEachTile(image.Width, image.Height, tile =>
        {
            var lr = planes.Select(p => Crop(p, tile)).ToArray();
            var color = ColorUpscaler.Upscale(_network, lr[..image.ColorChannels], Scale);
            Plane[] hr = image.HasAlpha ? [.. color, Imresize.Resize(lr[^1], Scale)] : color;
            var core = ImagePlanes.Merge(hr.Select(p => CoreOf(p, tile)).ToArray(), image.BitDepth);
            int rowSamples = core.Width * image.Channels;
            for (int y = 0; y < core.Height; y++)
                Array.Copy(core.Samples, y * rowSamples, output.Samples,
                    ((long)(tile.CoreY * Scale + y) * output.Width + tile.CoreX * Scale) * image.Channels, rowSamples);
        });
        return output;
    }

    private void ForEachTile(int width, int height, Action<Tile> body)
    {
        var tiles = TileGrid.Create(width, height, TileSize, Overlap);
        long total = tiles.Sum(t => t.Area), done = 0;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < tiles.Count; i++)
        {
            // The pool keeps buffers by exact size: free those of the previous tile size, or every size stays pooled.
            if (i > 0 && (tiles[i].Width, tiles[i].Height) != (tiles[i - 1].Width, tiles[i - 1].Height)) TensorPool.Trim();
            body(tiles[i]);
            done += tiles[i].Area;
            var elapsed = clock.Elapsed;
            Options.Progress?.Invoke(new UpscaleProgress(i + 1, tiles.Count, elapsed, elapsed * ((double)(total - done) / done)));
        }
    }

    private static Plane Crop(Plane plane, Tile tile) =>
        tile.X == 0 && tile.Y == 0 && tile.Width == plane.Width && tile.Height == plane.Height
            ? plane
            : plane.Crop(tile.X, tile.Y, tile.Width, tile.Height);

    /// <summary>The core of a tile's output (in HR pixels of the padded tile).</summary>
    private Plane CoreOf(Plane tileOutput, Tile tile) =>
        tileOutput.Crop((tile.CoreX - tile.X) * Scale, (tile.CoreY - tile.Y) * Scale, tile.CoreWidth * Scale, tile.CoreHeight * Scale);

    private void CopyCore(Plane tileOutput, Plane output, Tile tile)
    {
        int rowLength = tile.CoreWidth * Scale;
        int srcX = (tile.CoreX - tile.X) * Scale, srcY = (tile.CoreY - tile.Y) * Scale;
        for (int y = 0; y < tile.CoreHeight * Scale; y++)
            Array.Copy(tileOutput.Data, (srcY + y) * tileOutput.Width + srcX, output.Data,
                (long)(tile.CoreY * Scale + y) * output.Width + tile.CoreX * Scale, rowLength);
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
