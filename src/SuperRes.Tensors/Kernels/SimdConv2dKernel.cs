using SuperRes.Tensors.Kernels.Simd;

namespace SuperRes.Tensors.Kernels;

/// <summary>
/// The fast conv2d, generic over a vector width. Stride-1 convolutions run directly on zero-padded
/// input rows, read as an implicit im2col matrix through an offset table (each worker pads just the
/// band of rows its tiles read); other strides build im2col panels a few tiles at a time. Output
/// channels are blocked by 4, pixels by 3 vectors.
/// BackwardInput of a stride-1 conv is itself a stride-1 conv (flipped, transposed weights).
/// </summary>
internal sealed unsafe partial class SimdConv2dKernel<TVector, TOps> : IConv2dKernel, IFusedConv2dKernel, ISubPixelConv2dKernel
    where TVector : struct
    where TOps : struct, ISimdWidth<TVector>
{
    private const int Rows = ConvMicroKernels<TVector, TOps>.Rows;
    private const double ParallelFlops = 1e6;
    internal static int KBlockBytes = 8192;

    public static SimdConv2dKernel<TVector, TOps> Instance { get; } = new();

    public override string ToString() => $"Vector{TOps.Count * 32}";

    private static int TileWidth => ConvMicroKernels<TVector, TOps>.TileWidth;

    /// <summary>The state one parallel tile pass shares, passed to workers by pointer.</summary>
    private struct TileJob
    {
        public Conv2dGeometry G;
        public float* Source, Packed, Bias, Output;
        public int* Offsets;
        public long SourceImageStride;
        public int K, KBlock, CoBlocks, RowWidth, Length, Tiles, TilesPerItem, ItemsPerImage, ColumnStride;
        public bool Im2Col, Leaky;
        public float Slope;
    }

    public void Forward(in Conv2dGeometry g, float* input, float* weight, float* bias, float* output)
    {
        Conv2dChecks.Validate(g, input, weight, output);
        ForwardAny(g, input, weight, bias, output);
    }

    /// <summary>output = leaky_relu(conv(input, weight) + bias, slope), the activation applied while the output is in cache.</summary>
    public void ForwardLeakyRelu(in Conv2dGeometry g, float* input, float* weight, float* bias, float* output, float slope)
    {
        Conv2dChecks.Validate(g, input, weight, output);
        ForwardAny(g, input, weight, bias, output, true, slope);
    }

    private static void ForwardAny(in Conv2dGeometry g, float* input, float* weight, float* bias, float* output,
        bool leaky = false, float slope = 0f)
    {
        if (UseWinograd(g)) ForwardWinograd(g, input, weight, bias, output, leaky, slope);
        else ForwardCore(g, input, weight, bias, output, leaky, slope);
    }

    /// <summary>output = conv(input, weight) + bias with weight in OIHW layout, then leaky ReLU if asked.</summary>
    private static void ForwardCore(in Conv2dGeometry g, float* input, float* weight, float* bias, float* output, bool leaky, float slope)
    {
        int k = g.InChannels * g.KernelHeight * g.KernelWidth;
        int coBlocks = (g.OutChannels + Rows - 1) / Rows;
        float* packed = NativeScratch.Get(NativeScratch.PackedWeights, (long)coBlocks * k * Rows);
        PackRows(weight, g.OutChannels, k, packed);
        bool parallel = g.ForwardFlops >= ParallelFlops;

        var job = new TileJob
        {
            G = g, Packed = packed, Bias = bias, Output = output, K = k, CoBlocks = coBlocks,
            Im2Col = g.StrideH != 1 || g.StrideW != 1, Leaky = leaky, Slope = slope,
        };
        if (!job.Im2Col)
        {
            job.Source = input;
            job.SourceImageStride = (long)g.InChannels * g.InHeight * g.InWidth;
            job.RowWidth = g.InWidth + g.PadLeft + g.PadRight;
            // A channel's input rows under one tile span KH x (tile + KW - 1) floats; keep a block near 8 KiB.
            int bytesPerChannel = g.KernelHeight * (TileWidth + g.KernelWidth + 15) * sizeof(float);
            job.KBlock = Math.Max(1, KBlockBytes / bytesPerChannel) * g.KernelHeight * g.KernelWidth;
        }
        else
        {
            job.Source = input;
            job.SourceImageStride = (long)g.InChannels * g.InHeight * g.InWidth;
            job.RowWidth = g.OutWidth;
        }
        job.Length = g.OutHeight * job.RowWidth;
        job.Tiles = (job.Length + TileWidth - 1) / TileWidth;
        int wanted = (int)Math.Min(job.Tiles, Math.Max(1, (long)job.Tiles * g.Batch / (8 * KernelWorkerPool.ThreadCount)));
        if (job.Im2Col)
        {
            // Keep a worker's im2col panel near 256 KiB so it stays in L2.
            wanted = Math.Min(wanted, Math.Max(1, 65536 / k / TileWidth));
            job.ColumnStride = wanted * TileWidth;
            job.KBlock = k;
            job.Offsets = (int*)NativeScratch.Get(NativeScratch.Offsets, k);
            for (int i = 0; i < k; i++) job.Offsets[i] = i * job.ColumnStride;
        }
        else
        {
            // Keep a worker's band of padded rows (all input channels) near 512 KiB so it stays in L2.
            int bandRows = Math.Max(g.KernelHeight + 1, 131072 / (g.InChannels * job.RowWidth));
            wanted = Math.Min(wanted, Math.Max(1, (bandRows - g.KernelHeight) * job.RowWidth / TileWidth));
        }
        job.TilesPerItem = wanted;
        job.ItemsPerImage = (job.Tiles + wanted - 1) / wanted;
        KernelWorkerPool.Run(g.Batch * job.ItemsPerImage, &ForwardItem, &job, parallel);
    }

    private static void ForwardItem(void* state, int item, int thread)
    {
        var job = (TileJob*)state;
        ref readonly var g = ref job->G;
        int n = item / job->ItemsPerImage, chunk = item % job->ItemsPerImage;
        int tileWidth = TileWidth;
        int t0 = chunk * job->TilesPerItem, t1 = Math.Min(job->Tiles, t0 + job->TilesPerItem);
        int q0 = t0 * tileWidth, qEnd = Math.Min(job->Length, t1 * tileWidth);
        float* b;
        int* offsets = job->Offsets; // the im2col table; the direct path gets its band's from PadBand
        if (job->Im2Col)
        {
            float* columns = NativeScratch.Get(NativeScratch.WorkerColumns, (long)job->K * job->ColumnStride);
            Im2Col.Fill(g, job->Source + n * job->SourceImageStride, q0, qEnd, columns, job->ColumnStride);
            b = columns - q0;
        }
        else
        {
            b = PadBand(g, job->Source + n * job->SourceImageStride, job->RowWidth, q0, t1 * tileWidth, out offsets);
        }
        // Tiles of all output channels; K is split in blocks so one block's input rows stay in L1
        // while every channel block's weights stream past them.
        int tileSize = Rows * tileWidth, k = job->K, kBlock = job->KBlock;
        // With few output channels each input block is used by few tiles: walk a strip of tiles per
        // block instead, so each channel's rows stream through contiguously.
        int strip = Math.Clamp(16 / job->CoBlocks, 1, 8);
        float* tiles = NativeScratch.Get(NativeScratch.WorkerTiles, (long)strip * job->CoBlocks * tileSize);
        long outPlane = (long)g.OutHeight * g.OutWidth;
        for (int s0 = t0; s0 < t1; s0 += strip)
        {
            int s1 = Math.Min(t1, s0 + strip);
            for (int k0 = 0; k0 < k; k0 += kBlock)
            {
                int kLength = Math.Min(kBlock, k - k0);
                int t = s0;
                if (g.OutChannels == 1) // one row, four tiles at a time: no FMAs on padding rows
                    for (; t + 4 <= s1; t += 4)
                        ConvMicroKernels<TVector, TOps>.TileOneRow(job->Packed + (long)k0 * Rows, b + t * tileWidth, offsets + k0,
                            kLength, tiles + (t - s0) * tileSize, tileSize, k0 > 0);
                for (; t < s1; t++)
                for (int cb = 0; cb < job->CoBlocks; cb++)
                    ConvMicroKernels<TVector, TOps>.Tile(job->Packed + ((long)cb * k + k0) * Rows, b + t * tileWidth, offsets + k0,
                        kLength, tiles + ((t - s0) * job->CoBlocks + cb) * tileSize, tileWidth, k0 > 0);
            }
            for (int t = s0; t < s1; t++)
            for (int cb = 0; cb < job->CoBlocks; cb++)
            {
                int co0 = cb * Rows, q = t * tileWidth;
                Scatter(tiles + ((t - s0) * job->CoBlocks + cb) * tileSize, tileWidth, Math.Min(Rows, g.OutChannels - co0),
                    job->Output + ((long)n * g.OutChannels + co0) * outPlane, outPlane, q, Math.Min(qEnd, q + tileWidth),
                    job->RowWidth, g.OutWidth, job->Bias == null ? null : job->Bias + co0, job->Leaky, job->Slope);
            }
        }
    }

    /// <summary>Copies a computed tile (pixels laid out with row width rowWidth) to dense output rows, adding bias (and leaky ReLU).</summary>
    private static void Scatter(float* tile, int ldt, int rows, float* dst, long plane, int q0, int q1, int rowWidth, int outWidth, float* bias,
        bool leaky, float slope)
    {
        int q = q0;
        while (q < q1)
        {
            int y = q / rowWidth, x = q - y * rowWidth;
            int segment = Math.Min(rowWidth - x, q1 - q);
            int valid = Math.Min(segment, outWidth - x);
            if (valid > 0)
            {
                for (int r = 0; r < rows; r++)
                {
                    var source = new ReadOnlySpan<float>(tile + r * ldt + (q - q0), valid);
                    var target = new Span<float>(dst + r * plane + (long)y * outWidth + x, valid);
                    if (bias == null) source.CopyTo(target);
                    else System.Numerics.Tensors.TensorPrimitives.Add(source, bias[r], target);
                    if (leaky) Cpu.Activation.LeakyForward(dst + r * plane + (long)y * outWidth + x, dst + r * plane + (long)y * outWidth + x, valid, slope);
                }
            }
            q += segment;
        }
    }

    /// <summary>packed[cb][k][r] = weight[(cb*4 + r)*k + k], zero for rows past the end.</summary>
    private static void PackRows(float* weight, int rows, int k, float* packed)
    {
        int blocks = (rows + Rows - 1) / Rows;
        for (int cb = 0; cb < blocks; cb++)
        for (int r = 0; r < Rows; r++)
        {
            int row = cb * Rows + r;
            float* dst = packed + (long)cb * k * Rows + r;
            if (row >= rows)
            {
                for (int i = 0; i < k; i++) dst[i * Rows] = 0;
                continue;
            }
            float* src = weight + (long)row * k;
            for (int i = 0; i < k; i++) dst[i * Rows] = src[i];
        }
    }

    private static void FillDirectOffsets(in Conv2dGeometry g, int plane, int rowWidth, int* offsets, int k)
    {
        int i = 0;
        for (int ci = 0; ci < g.InChannels; ci++)
        for (int ky = 0; ky < g.KernelHeight; ky++)
        for (int kx = 0; kx < g.KernelWidth; kx++)
            offsets[i++] = ci * plane + ky * rowWidth + kx;
    }
}
