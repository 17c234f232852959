using System.Diagnostics;
using SuperRes.Evaluation;
using SuperRes.Imaging;
using SuperRes.Models;
using SuperRes.Processing;
using SuperRes.Tensors;

namespace SuperRes.Inference;

/// <summary>
/// Runs a network (<see cref="IInferenceNetwork"/>: a <see cref="SuperResolutionModel"/> on our
/// engine, or another runtime's) on an image of any size, tile by tile: each tile is
/// padded by an overlap that covers the network's receptive field (measured once by
/// <see cref="ModelProbe"/>) and only its core is kept, so the result equals the untiled one
/// while memory stays bounded by the tile. A network that sees farther than the overlap
/// (RRDBNet, beyond <see cref="MaxAutomaticOverlap"/>) is tiled with blending instead: each tile
/// contributes a little past its core, with raised-cosine weights across every seam
/// (<see cref="TileBlend"/>), and is padded by the overlap beyond that, so every output pixel
/// has at least the overlap of context and no seam is left. Images can be written out in bands, one row of tiles
/// at a time, so the output need not fit in memory.
/// Y models get Y and Cb/Cr are upscaled bicubically (<see cref="ColorUpscaler"/>); RGB models get
/// RGB; alpha is upscaled bicubically; the bit depth is kept. Multi-scale networks (LapSRN) run
/// at any of their levels. Large arrays are kept from tile to tile and image to image
/// (<see cref="UpscaleBuffers"/>); upscales on several threads at once each get their own.
/// </summary>
public sealed partial class Upscaler
{
    /// <summary>Bicubic upscaling of chroma and alpha reads 2 LR pixels around each output; keep one more.</summary>
    private const int BicubicMargin = 3;

    private readonly TileNetwork _network;
    /// <summary>Arrays kept from tile to tile and image to image, for the upscale that takes them (<see cref="UpscaleBuffers"/>).</summary>
    private UpscaleBuffers? _buffers = new();
    private readonly TileNetwork _probeNetwork;
    private (int Radius, int Alignment)? _reach;
    private double? _bytesPerPixel;

    /// <param name="model">The network, run by our engine; its weights are not copied.</param>
    /// <param name="scale">The upscaling factor; by default the model's own. Must be one of <see cref="SupportedScales"/>.</param>
    /// <param name="options">Tile size, overlap, ensemble and progress; null takes the defaults.</param>
    public Upscaler(SuperResolutionModel model, int? scale = null, UpscalerOptions? options = null)
        : this(new EngineNetwork(model ?? throw new ArgumentNullException(nameof(model))), scale, options)
    {
    }

    /// <param name="network">The network, run by whatever executes it.</param>
    /// <param name="scale">The upscaling factor; by default the network's own. Must be one of its <see cref="IInferenceNetwork.Scales"/>.</param>
    /// <param name="options">Tile size, overlap, ensemble and progress; null takes the defaults.</param>
    public Upscaler(IInferenceNetwork network, int? scale = null, UpscalerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        Options = options ?? new UpscalerOptions();
        Options.Validate();
        Network = network;
        Scale = scale ?? network.Scales[^1];
        if (!network.Scales.Contains(Scale))
            throw new ArgumentException(
                $"{network.Name} (x{network.Scales[^1]}) upscales by {string.Join(" or ", network.Scales)}, not by {Scale}.", nameof(scale));
        _network = new TileNetwork(network, Scale, Options.Ensemble);
        _probeNetwork = new TileNetwork(network, Scale, ensemble: false); // its own, so NetworkTime counts the image's passes only
    }

    public IInferenceNetwork Network { get; }
    public int Scale { get; }

    /// <summary>
    /// Time spent in the network's forward passes on the image's tiles so far (the probe's passes,
    /// colour, tiling and codecs excluded): what the overhead of an upscale is measured against.
    /// </summary>
    public TimeSpan NetworkTime => _network.NetworkTime;
    public UpscalerOptions Options { get; }

    /// <summary>The scales a model can serve: every level of a pyramid network (LapSRN), otherwise the model's own scale.</summary>
    public static IReadOnlyList<int> SupportedScales(SuperResolutionModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new EngineNetwork(model).Scales;
    }

    /// <summary>Tile origins and sizes are multiples of this many LR pixels (strided networks need it).</summary>
    public int Alignment => Reach.Alignment;

    /// <summary>Context around each tile, in LR pixels: the least any output pixel gets.</summary>
    public int Overlap => TileGrid.RoundUp(Math.Max(Options.Overlap ?? Math.Min(Reach.Radius + 1, MaxAutomaticOverlap), BicubicMargin), OriginAlignment);

    /// <summary>How far the network sees, in LR pixels: declared by the model (RRDBNet) or probed.</summary>
    public int ReceptiveField => Network.KnownTiling?.Radius ?? Reach.Radius;

    /// <summary>Whether tiles are blended across their seams (see <see cref="UpscalerOptions.Blend"/>).</summary>
    public bool Blends => BlendHalfWidth > 0;

    /// <summary>Width of the band across each seam where two tiles are blended, in LR pixels (0 when not blending).</summary>
    public int BlendWidth => 2 * BlendHalfWidth;

    private bool WantsBlend => Options.Blend ?? ReceptiveField >= Overlap;

    /// <summary>Half the blend band: half the overlap, at most half a tile, aligned.</summary>
    private int BlendHalfWidth => WantsBlend ? Math.Min(DesiredBlendHalfWidth, TileSize / 2 / OriginAlignment * OriginAlignment) : 0;

    private int DesiredBlendHalfWidth => TileGrid.RoundUp(Math.Max(Overlap / 2, 1), OriginAlignment);

    /// <summary>The padding of every tile: the overlap, plus the blend's reach past the core.</summary>
    private int Margin => Overlap + BlendHalfWidth;

    /// <summary>
    /// Overlap and tile size are multiples of this (LR pixels): <see cref="Alignment"/>, raised to a
    /// multiple of 4, so every tile starts at a multiple of 4. Winograd convolutions compute outputs in
    /// 2x2 or 4x4 blocks whose rounding depends on a pixel's place in its block (F(4x4,3x3) rounding
    /// also reaches past the 3x3 window, which the probed radius includes); with such origins each pixel
    /// keeps its place, and tiled results equal untiled ones bit for bit, whatever the tile size.
    /// </summary>
    internal int OriginAlignment => Alignment % 4 == 0 ? Alignment : Alignment % 2 == 0 ? 2 * Alignment : 4 * Alignment;

    /// <summary>The side of a square tile's core in LR pixels: <see cref="UpscalerOptions.TileSize"/>, or the largest that fits the memory budget.</summary>
    public int TileSize
    {
        get
        {
            if (Options.TileSize > 0) return TileGrid.RoundUp(Options.TileSize, OriginAlignment);
            double padded = Math.Sqrt(BudgetPixels);
            int core = (int)padded - 2 * (Overlap + (WantsBlend ? DesiredBlendHalfWidth : 0));
            return Math.Max(TileGrid.RoundUp(16, OriginAlignment), core / OriginAlignment * OriginAlignment);
        }
    }

    /// <summary>
    /// The core of the tiles for a <paramref name="width"/> x <paramref name="height"/> LR image:
    /// squares of <see cref="UpscalerOptions.TileSize"/> when one is given; otherwise the whole image
    /// if it fits the memory budget, else full-width strips or squares, whichever runs the network
    /// on fewer pixels (<see cref="TileGrid.ChooseCore"/>).
    /// </summary>
    public (int Width, int Height) TileCore(int width, int height) =>
        Options.TileSize > 0 ? (TileSize, TileSize)
        : RunsWhole(width, height) ? (width, height)
        : TileGrid.ChooseCore(width, height, (long)BudgetPixels, Margin, OriginAlignment);

    /// <summary>
    /// Whether a <paramref name="width"/> x <paramref name="height"/> image runs as one tile: no tile
    /// size was asked for and it fits the memory budget. One tile has no seams, so it needs neither
    /// overlap nor blending, and the network's reach is not probed for it.
    /// </summary>
    private bool RunsWhole(int width, int height) => Options.TileSize <= 0 && (long)width * height <= BudgetPixels;

    /// <summary>The rows of tiles for an image: one whole tile when it <see cref="RunsWhole"/>.</summary>
    private IReadOnlyList<IReadOnlyList<Tile>> Rows(int width, int height)
    {
        if (RunsWhole(width, height)) return TileGrid.Rows(width, height, width, height, 0, 1);
        var (coreWidth, coreHeight) = TileCore(width, height);
        return TileGrid.Rows(width, height, coreWidth, coreHeight, Margin, OriginAlignment);
    }

    /// <summary>Padded LR pixels of one tile the memory budget allows.</summary>
    private double BudgetPixels => Options.MemoryBudgetBytes / Math.Max(BytesPerPixel, 1);

    /// <summary>
    /// The widest overlap chosen automatically (LR pixels). A network with a wider receptive field
    /// (declared, as RRDBNet's of about 350 LR pixels, or probed) is tiled with this overlap and
    /// blended seams instead: exact tiling would cost more than the image, and context that far away
    /// barely changes the output (Real-ESRGAN's own tiler keeps 10 pixels). Give
    /// <see cref="UpscalerOptions.Overlap"/> for more.
    /// </summary>
    public const int MaxAutomaticOverlap = 32;

    /// <summary>The network's reach and alignment: declared by the model (RRDBNet) or probed, the first time tiles need an overlap.</summary>
    private (int Radius, int Alignment) Reach => _reach ??= Network.KnownTiling is { } known
        ? (Math.Min(known.Radius, MaxAutomaticOverlap - 1), known.Alignment)
        : ModelProbe.MeasureReach(_probeNetwork, Network.Channels);

    /// <summary>Working memory of a pass per LR pixel: the network's own figure, or measured once.</summary>
    private double BytesPerPixel => _bytesPerPixel ??= _probeNetwork.BytesPerInputPixel
        ?? (Network.KnownTiling is { } known
            ? ModelProbe.MeasureBytesPerPixel(_probeNetwork, Network.Channels, 8 * known.Alignment, known.Alignment)
            : ModelProbe.MeasureBytesPerPixel(_probeNetwork, Network.Channels, ModelProbe.MemoryProbeSize));

    /// <summary>
    /// Starts writing, on a spare core, the fresh memory the first pass of a <paramref name="width"/> x
    /// <paramref name="height"/> upscale will take from our engine's pool (<see cref="TensorPool.Prefault"/>),
    /// so that the pass does not stop at every new page: on the development VM a first touch costs
    /// about 0.4 ms a MB, some 50 ms of the README's upscale. Call it as soon as the size is known (a
    /// file header: <see cref="ImageCodecs.Read(string, ImageReadOptions?, Action{byte[]})"/> and <see cref="ImageCodecs.PeekSize"/>), before
    /// decoding; <see cref="Upscale(Image, Action{Image})"/> calls it too. Four fifths of the estimate (<see cref="BytesPerPixel"/> is an upper bound): pages
    /// the pass would not use would cost a core and memory for nothing. Other runtimes keep their own memory.
    /// </summary>
    public void PrepareMemoryFor(int width, int height)
    {
        if (Network is not EngineNetwork || width <= 0 || height <= 0) return;
        // The first tile's padded window at most (a tile grid balances its cores, never widens them),
        // without building the grid.
        long pixels = (long)width * height;
        if (!RunsWhole(width, height))
        {
            var (coreWidth, coreHeight) = TileCore(width, height);
            pixels = (long)Math.Min(width, coreWidth + 2L * Margin) * Math.Min(height, coreHeight + 2L * Margin);
        }
        PrefaultFirstPass(pixels);
    }

    /// <summary>Has a spare core write four fifths of the memory a pass on <paramref name="pixels"/> input pixels takes from our engine's pool.</summary>
    private void PrefaultFirstPass(long pixels)
    {
        if (Network is EngineNetwork) TensorPool.Prefault((long)(0.8 * BytesPerPixel * pixels));
    }

    /// <summary>
    /// Upscales the planes a network takes (<see cref="IInferenceNetwork.Channels"/> of them, or one
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
        if (!RunsWhole(width, height) && Blends) return UpscalePlanesBlended(lowResolution, width, height);
        Plane[]? output = null;
        ForEachTile(Rows(width, height), tile =>
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
            throw new ArgumentException($"A {image.Width}x{image.Height} image upscaled x{Scale} is too large ({outWidth}x{outHeight}); write it in bands.", nameof(image));
        var output = new Image((int)outWidth, (int)outHeight, image.Channels, image.BitDepth);
        int offset = 0;
        Upscale(image, band =>
        {
            if (band.BitDepth == 8) band.Samples8.CopyTo(output.Samples8[offset..]);
            else band.Samples16.CopyTo(output.Samples16[offset..]);
            offset += band.SampleCount;
        });
        return output;
    }

    /// <summary>
    /// Upscales an image as <see cref="Upscale(Image)"/> does, but hands the output to
    /// <paramref name="writeBand"/> in full-width bands, top to bottom: one per row of tiles,
    /// <see cref="TileSize"/> x <see cref="Scale"/> rows high (the last one may be lower). Only one band
    /// is alive at a time, so the output may be far larger than memory. The band is reused for the
    /// next one, and by later upscales on this upscaler: copy what you keep.
    /// </summary>
    public void Upscale(Image image, Action<Image> writeBand)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(writeBand);
        long outWidth = (long)image.Width * Scale, outHeight = (long)image.Height * Scale;
        if (outWidth > int.MaxValue || outHeight > int.MaxValue)
            throw new ArgumentException($"A {image.Width}x{image.Height} image upscaled x{Scale} is too large ({outWidth}x{outHeight}).", nameof(image));
        bool whole = RunsWhole(image.Width, image.Height);
        var rows = Rows(image.Width, image.Height);
        if (outWidth * (rows[0][0].CoreHeight + (whole ? 0 : 2 * BlendHalfWidth)) * Scale * image.Channels > Array.MaxLength)
            throw new ArgumentException($"A band of {outWidth}x{rows[0][0].CoreHeight * Scale} pixels is too large; use smaller tiles.", nameof(image));
        PrefaultFirstPass(rows[0][0].Area);
        if (!whole && Blends)
        {
            UpscaleBlended(image, rows, (int)outWidth, (int)outHeight, writeBand);
            return;
        }
        // The kept arrays, unless another thread's upscale on this upscaler has them: then arrays of its own.
        var buffers = Interlocked.Exchange(ref _buffers, null) ?? new UpscaleBuffers();
        try
        {
            UpscaleInBands(image, rows, (int)outWidth, buffers, writeBand);
        }
        finally
        {
            Volatile.Write(ref _buffers, buffers);
        }
    }

    /// <summary>The tiles of <see cref="Upscale(Image, Action{Image})"/> without blending, row by row, with <paramref name="buffers"/>.</summary>
    private void UpscaleInBands(Image image, IReadOnlyList<IReadOnlyList<Tile>> rows, int outWidth, UpscaleBuffers buffers, Action<Image> writeBand)
    {
        Image? band = null;
        ForEachTile(rows, tile =>
        {
            int bandHeight = tile.CoreHeight * Scale;
            if (band is null || band.Height != bandHeight) band = buffers.Band(outWidth, bandHeight, image.Channels, image.BitDepth);
            // Planes of this tile only: neither the LR image nor the HR output exists whole as floats.
            int coreX = (tile.CoreX - tile.X) * Scale, coreY = (tile.CoreY - tile.Y) * Scale;
            if (image.Channels == 3 && _network.Input == SuperResolverInput.Luma)
            {
                // What ColorUpscaler and MergeInto do, with no plane of the upscaled size but Y; the tile's
                // Y, Cb and Cr planes serve the next tile of the same size.
                var ycbcr = buffers.TileYCbCr(tile.Width, tile.Height);
                ColorConversion.RgbToYCbCrInto(image, tile.X, tile.Y, tile.Width, tile.Height, ycbcr);
                var luma = _network.UpscaleReusingBuffers([ycbcr[0]], Scale, buffers)[0]; // merged before the next tile
                YCbCrUpscaleMerge.MergeInto(luma, ycbcr[1], ycbcr[2], Scale, coreX, coreY, tile.CoreWidth * Scale, bandHeight,
                    band, tile.CoreX * Scale, 0);
                return;
            }
            var lr = ImagePlanes.Split(image, tile.X, tile.Y, tile.Width, tile.Height);
            var color = ColorUpscaler.Upscale(_network, lr[..image.ColorChannels], Scale);
            Plane[] hr = image.HasAlpha ? [.. color, Imresize.Resize(lr[^1], Scale)] : color;
            ImagePlanes.MergeInto(hr, coreX, coreY, tile.CoreWidth * Scale, bandHeight, band, tile.CoreX * Scale, 0);
        }, () => writeBand(band!));
    }

    /// <summary>Runs <paramref name="body"/> on every tile, row by row, calling <paramref name="rowDone"/> after each row; reports progress.</summary>
    private void ForEachTile(IReadOnlyList<IReadOnlyList<Tile>> rows, Action<Tile> body, Action? rowDone = null)
    {
        var (count, total) = Totals(rows);
        int index = 0;
        long done = 0;
        var clock = Stopwatch.StartNew();
        var previous = rows[0][0];
        for (int r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            for (int t = 0; t < row.Count; t++)
            {
                var tile = row[t];
                // A pooled buffer serves tensors of up to twice its size: free those of the previous tile size, or every size stays pooled.
                if ((tile.Width, tile.Height) != (previous.Width, previous.Height)) TensorPool.Trim();
                body(tile);
                previous = tile;
                done += tile.Area;
                var elapsed = clock.Elapsed;
                Options.Progress?.Invoke(new UpscaleProgress(++index, count, elapsed, elapsed * ((double)(total - done) / done)));
            }
            rowDone?.Invoke();
        }
    }

    /// <summary>
    /// The number of tiles and their padded area. Loops rather than LINQ: generic code over our own
    /// value types is not in the ReadyToRun image, and each instantiation costs the JIT on the first upscale.
    /// </summary>
    internal static (int Count, long Area) Totals(IReadOnlyList<IReadOnlyList<Tile>> rows)
    {
        int count = 0;
        long area = 0;
        for (int r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            count += row.Count;
            for (int t = 0; t < row.Count; t++) area += row[t].Area;
        }
        return (count, area);
    }

    private static Plane Crop(Plane plane, Tile tile) =>
        tile.X == 0 && tile.Y == 0 && tile.Width == plane.Width && tile.Height == plane.Height
            ? plane
            : plane.Crop(tile.X, tile.Y, tile.Width, tile.Height);

    private void CopyCore(Plane tileOutput, Plane output, Tile tile)
    {
        int rowLength = tile.CoreWidth * Scale;
        int srcX = (tile.CoreX - tile.X) * Scale, srcY = (tile.CoreY - tile.Y) * Scale;
        for (int y = 0; y < tile.CoreHeight * Scale; y++)
            Array.Copy(tileOutput.Data, (srcY + y) * tileOutput.Width + srcX, output.Data,
                (long)(tile.CoreY * Scale + y) * output.Width + tile.CoreX * Scale, rowLength);
    }
}
