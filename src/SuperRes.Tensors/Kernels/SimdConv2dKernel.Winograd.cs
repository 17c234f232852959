namespace SuperRes.Tensors.Kernels;

/// <summary>
/// Winograd F(2x2, 3x3) for 3x3 stride-1 convs (Lavin and Gray, "Fast Algorithms for Convolutional
/// Neural Networks", 2016): 16 multiplies per 2x2 output instead of 36, so 2.25x fewer flops, with
/// transforms of 0, +-1, +-1/2 only (accurate in fp32); and F(2x2, 2x2) for 2x2 stride-1 convs (the
/// phases of a sub-pixel transposed conv): 9 multiplies instead of 16, transforms of +-1 only; larger
/// 3x3 convs take F(4x4, 3x3) (SimdConv2dKernel.Winograd4.cs). Transforms are vectorised over adjacent
/// tiles of a row by reading the padded input split into even and odd columns; each chunk of tiles splits only the rows and columns it reads, into a per-thread
/// buffer that stays in cache (no pass over the whole image). The 16 (or 9) products are GEMMs run by
/// the same 4x3 micro-kernel as the direct path.
/// </summary>
internal sealed unsafe partial class SimdConv2dKernel<TVector, TOps>
{
    /// <summary>Channel counts from which Winograd pays.</summary>
    private const int WinogradMinChannels = 16;

    /// <summary>Per-thread override of <see cref="WinogradMinChannels"/>: tests set 1 to cover odd shapes, 0 restores.</summary>
    [ThreadStatic] internal static int WinogradMinChannelsOverride;

    /// <summary>Per-thread choice of the 3x3 tile: 2 or 4 forces F(2x2, 3x3) or F(4x4, 3x3) (tests), 0 lets the shape decide.</summary>
    [ThreadStatic] internal static int WinogradTileOverride;

    /// <summary>Transform points for a conv that <see cref="UseWinograd"/> accepts: 9 for 2x2 kernels; 36 (F(4x4, 3x3)) for 3x3 ones wide enough to fill 4x4 tiles, else 16.</summary>
    private static int PointsFor(in Conv2dGeometry g)
    {
        if (g.KernelHeight == 2) return 9;
        int tile = WinogradTileOverride != 0 ? WinogradTileOverride
            : Conv2dKernels.AllowLargeWinogradTiles && g.OutHeight >= 16 && g.OutWidth >= 16 ? 4 : 2;
        return tile == 4 ? 36 : 16;
    }

    private struct WinogradJob
    {
        public Conv2dGeometry G;
        public float* Input, U, Bias, Output;
        public int* Offsets;
        public int TilesY, TilesX, ChunkTiles, ChunksPerImage, CoBlocks;

        /// <summary>Transform points: 36 for F(4x4, 3x3), 16 for F(2x2, 3x3), 9 for F(2x2, 2x2).</summary>
        public int Points;
        public bool Leaky;
        public float Slope;

        /// <summary>Set when the conv is the phases of a stride-2 sub-pixel transposed conv written straight into its output.</summary>
        public SubPixelTarget SubPixel;
        public bool IsSubPixel;
    }

    public bool TryForwardSubPixel(in Conv2dGeometry phases, float* input, float* weight, float* bias, in SubPixelTarget target,
        bool leaky, float slope)
    {
        if (target.Stride != 2 || !UseWinograd(phases) || PointsFor(phases) == 36 || phases.OutChannels != 4 * target.Channels) return false;
        Conv2dChecks.Validate(phases, input, weight, target.Output);
        ForwardWinograd(phases, input, weight, bias, target.Output, leaky, slope, target);
        return true;
    }

    private static bool UseWinograd(in Conv2dGeometry g) =>
        Conv2dKernels.AllowWinograd && g.KernelHeight == g.KernelWidth && g.KernelHeight is 2 or 3 && g.StrideH == 1 && g.StrideW == 1
        && Math.Min(g.InChannels, g.OutChannels) >= (WinogradMinChannelsOverride > 0 ? WinogradMinChannelsOverride : WinogradMinChannels);

    private static void ForwardWinograd(in Conv2dGeometry g, float* input, float* weight, float* bias, float* output, bool leaky, float slope,
        SubPixelTarget? subPixel = null)
    {
        int tileWidth = TileWidth, cin = g.InChannels, cout = g.OutChannels;
        int coBlocks = (cout + Rows - 1) / Rows;
        int points = PointsFor(g);
        var job = new WinogradJob
        {
            G = g, Input = input, Bias = bias, Output = output, CoBlocks = coBlocks, Leaky = leaky, Slope = slope, Points = points,
            SubPixel = subPixel ?? default, IsSubPixel = subPixel.HasValue,
        };
        SetTiling(ref job, 49152 / (points * (cin + cout)) / tileWidth * tileWidth);

        job.U = NativeScratch.Get(NativeScratch.PackedWeights, (long)points * coBlocks * cin * Rows);
        if (points == 36) TransformWeights4Vector(g, weight, job.U, coBlocks);
        else if (points == 16) TransformWeights(g, weight, job.U, coBlocks);
        else TransformWeights2(g, weight, job.U, coBlocks);
        job.Offsets = (int*)NativeScratch.Get(NativeScratch.Offsets, cin);
        for (int ci = 0; ci < cin; ci++) job.Offsets[ci] = ci * job.ChunkTiles;
        bool parallel = g.ForwardFlops >= ParallelFlops;
        KernelWorkerPool.Run(g.Batch * job.ChunksPerImage, &WinogradItem, &job, parallel);
    }

    /// <summary>Tile grid and chunks of about <paramref name="chunkTiles"/> tiles (rounded to whole GEMM tiles).</summary>
    private static void SetTiling(ref WinogradJob job, int chunkTiles)
    {
        ref readonly var g = ref job.G;
        int w = TOps.Count, tileWidth = TileWidth, tile = job.Points == 36 ? 4 : 2;
        job.TilesY = (g.OutHeight + tile - 1) / tile;
        job.TilesX = ((g.OutWidth + tile - 1) / tile + w - 1) / w * w;
        int tiles = job.TilesY * job.TilesX;
        int groups = Math.Max(1, chunkTiles / tileWidth);
        job.ChunkTiles = Math.Min(groups * tileWidth, (tiles + tileWidth - 1) / tileWidth * tileWidth);
        job.ChunksPerImage = (tiles + job.ChunkTiles - 1) / job.ChunkTiles;
    }

    /// <summary>U[xi][cb][ci][r] = (G g G^T)[xi] of output channel cb*4 + r (zero past the last channel).</summary>
    private static void TransformWeights(in Conv2dGeometry g, float* weight, float* u, int coBlocks)
    {
        int cin = g.InChannels;
        float* t = stackalloc float[12];
        float* values = stackalloc float[4];
        for (int co = 0; co < coBlocks * Rows; co++)
        for (int ci = 0; ci < cin; ci++)
        {
            bool real = co < g.OutChannels;
            float* k = weight + ((long)co * cin + ci) * 9;
            for (int c = 0; c < 3; c++) // t = G g (4x3)
            {
                float g0 = real ? k[c] : 0, g1 = real ? k[3 + c] : 0, g2 = real ? k[6 + c] : 0;
                t[c] = g0; t[3 + c] = 0.5f * (g0 + g1 + g2); t[6 + c] = 0.5f * (g0 - g1 + g2); t[9 + c] = g2;
            }
            for (int r = 0; r < 4; r++) // (G g) G^T (4x4)
            {
                float a = t[r * 3], b = t[r * 3 + 1], c = t[r * 3 + 2];
                values[0] = a; values[1] = 0.5f * (a + b + c); values[2] = 0.5f * (a - b + c); values[3] = c;
                for (int col = 0; col < 4; col++)
                    u[((((long)(r * 4 + col)) * coBlocks + co / Rows) * cin + ci) * Rows + co % Rows] = values[col];
            }
        }
    }

    /// <summary>U[xi][cb][ci][r] = (G g G^T)[xi] for 2x2 kernels, G = [1 0; 1 1; 0 1] (zero past the last channel).</summary>
    private static void TransformWeights2(in Conv2dGeometry g, float* weight, float* u, int coBlocks)
    {
        int cin = g.InChannels;
        float* values = stackalloc float[9];
        for (int co = 0; co < coBlocks * Rows; co++)
        for (int ci = 0; ci < cin; ci++)
        {
            bool real = co < g.OutChannels;
            float* k = weight + ((long)co * cin + ci) * 4;
            float g00 = real ? k[0] : 0, g01 = real ? k[1] : 0, g10 = real ? k[2] : 0, g11 = real ? k[3] : 0;
            // t = G g (3x2), then t G^T (3x3).
            float t00 = g00, t01 = g01, t10 = g00 + g10, t11 = g01 + g11, t20 = g10, t21 = g11;
            values[0] = t00; values[1] = t00 + t01; values[2] = t01;
            values[3] = t10; values[4] = t10 + t11; values[5] = t11;
            values[6] = t20; values[7] = t20 + t21; values[8] = t21;
            for (int xi = 0; xi < 9; xi++)
                u[(((long)xi * coBlocks + co / Rows) * cin + ci) * Rows + co % Rows] = values[xi];
        }
    }

    /// <summary>
    /// Input rows y0 .. y0 + rows (padded coordinates) of one plane, split into even and odd columns
    /// from pair j0 on: rows of [even | odd], each width long; zero outside the image.
    /// </summary>
    private static void SplitRows(in Conv2dGeometry g, float* src, int y0, int rows, int j0, int width, float* dst)
    {
        int w = TOps.Count, padLeft = g.PadLeft, inWidth = g.InWidth;
        for (int y = y0; y < y0 + rows; y++, dst += 2 * width)
        {
            int iy = y - g.PadTop;
            if ((uint)iy >= (uint)g.InHeight)
            {
                new Span<float>(dst, 2 * width).Clear();
                continue;
            }
            // Pair j of the buffer holds input columns x and x + 1, x = 2 (j0 + j) - padLeft.
            float* row = src + (long)iy * inWidth + 2 * j0 - padLeft;
            int j = 0, edge = inWidth - 2 * j0 + padLeft;
            for (; j < width && 2 * j0 + 2 * j < padLeft; j++) SplitPair(row, dst, width, j, 2 * j0 - padLeft, inWidth);
            for (; j + w <= width && 2 * (j + w) <= edge; j += w)
            {
                TOps.LoadDeinterleaved(row + 2 * j, out var even, out var odd);
                TOps.Store(dst + j, even);
                TOps.Store(dst + width + j, odd);
            }
            for (; j < width && 2 * j < edge; j++) SplitPair(row, dst, width, j, 2 * j0 - padLeft, inWidth);
            if (j < width) // past the image: zeros
            {
                ZeroShort(dst + j, width - j);
                ZeroShort(dst + width + j, width - j);
            }
        }
    }

    /// <summary>Zeros a short run with vector stores: the tails are a few vectors long, and a call to Span.Clear per tail cost more than the stores.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void ZeroShort(float* p, int count)
    {
        int i = 0;
        for (; i + TOps.Count <= count; i += TOps.Count) TOps.Store(p + i, TOps.Zero);
        for (; i < count; i++) p[i] = 0f;
    }

    private static void SplitPair(float* row, float* dst, int width, int j, int x0, int inWidth)
    {
        int x = x0 + 2 * j;
        dst[j] = (uint)x < (uint)inWidth ? row[2 * j] : 0f;
        dst[width + j] = (uint)(x + 1) < (uint)inWidth ? row[2 * j + 1] : 0f;
    }
}
