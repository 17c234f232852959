namespace SuperRes.Tensors.Kernels;

internal sealed unsafe partial class SimdConv2dKernel<TVector, TOps>
{
    private struct Col2ImJob
    {
        public Conv2dGeometry G;
        public float* Grad, Packed, GradInput;
        public int* Offsets;
        public int BlocksPerChannel, Length, Tiles;
    }

    public void BackwardInput(in Conv2dGeometry g, float* gradOutput, float* weight, float* gradInput)
    {
        Conv2dChecks.Validate(g, gradOutput, weight, gradInput);
        int padTop = g.KernelHeight - 1 - g.PadTop, padLeft = g.KernelWidth - 1 - g.PadLeft;
        int padBottom = g.KernelHeight - 1 - g.PadBottom, padRight = g.KernelWidth - 1 - g.PadRight;
        if (g.StrideH == 1 && g.StrideW == 1 && padTop >= 0 && padLeft >= 0 && padBottom >= 0 && padRight >= 0)
        {
            // The input gradient of a stride-1 conv is a stride-1 conv of the output gradient with the
            // kernel flipped and its channel axes swapped.
            var t = new Conv2dGeometry(g.Batch, g.OutChannels, g.OutHeight, g.OutWidth, g.InChannels,
                g.KernelHeight, g.KernelWidth, 1, 1, padTop, padLeft, padBottom, padRight);
            float* flipped = NativeScratch.Get(NativeScratch.Transformed, g.WeightLength);
            FlipTranspose(g, weight, flipped);
            ForwardAny(t, gradOutput, flipped, null, gradInput);
            return;
        }
        BackwardInputCol2Im(g, gradOutput, weight, gradInput);
    }

    private static void FlipTranspose(in Conv2dGeometry g, float* weight, float* flipped)
    {
        int kh = g.KernelHeight, kw = g.KernelWidth, kk = kh * kw;
        for (int co = 0; co < g.OutChannels; co++)
        for (int ci = 0; ci < g.InChannels; ci++)
        {
            float* src = weight + ((long)co * g.InChannels + ci) * kk;
            float* dst = flipped + ((long)ci * g.OutChannels + co) * kk;
            for (int i = 0; i < kk; i++) dst[kk - 1 - i] = src[i];
        }
    }

    /// <summary>General strides: gradient columns = W^T x gradOutput, tile by tile, scattered back (col2im).</summary>
    private static void BackwardInputCol2Im(in Conv2dGeometry g, float* gradOutput, float* weight, float* gradInput)
    {
        int kk = g.KernelHeight * g.KernelWidth, blocks = (kk + Rows - 1) / Rows;
        int length = g.OutHeight * g.OutWidth, cout = g.OutChannels;
        // packed[ci][blk][co][r] = weight[co][ci][blk*4 + r]
        float* packed = NativeScratch.Get(NativeScratch.PackedWeights, (long)g.InChannels * blocks * cout * Rows);
        for (int ci = 0; ci < g.InChannels; ci++)
        for (int blk = 0; blk < blocks; blk++)
        for (int co = 0; co < cout; co++)
        for (int r = 0; r < Rows; r++)
        {
            int tap = blk * Rows + r;
            packed[(((long)ci * blocks + blk) * cout + co) * Rows + r] =
                tap < kk ? weight[((long)co * g.InChannels + ci) * kk + tap] : 0f;
        }
        // A copy of the gradient with slack, since the last tile reads past the last plane.
        long total = (long)g.Batch * cout * length, slack = 2L * TileWidth + 16;
        float* grad = NativeScratch.Get(NativeScratch.GradCopy, total + slack);
        new ReadOnlySpan<float>(gradOutput, checked((int)total)).CopyTo(new Span<float>(grad, (int)total));
        new Span<float>(grad + total, (int)slack).Clear();
        int* offsets = (int*)NativeScratch.Get(NativeScratch.Offsets, cout);
        for (int co = 0; co < cout; co++) offsets[co] = co * length;

        var job = new Col2ImJob
        {
            G = g, Grad = grad, Packed = packed, GradInput = gradInput, Offsets = offsets,
            BlocksPerChannel = blocks, Length = length, Tiles = (length + TileWidth - 1) / TileWidth,
        };
        KernelWorkerPool.Run(g.Batch * g.InChannels, &Col2ImItem, &job, g.ForwardFlops >= ParallelFlops);
    }

    private static void Col2ImItem(void* state, int item, int thread)
    {
        var job = (Col2ImJob*)state;
        ref readonly var g = ref job->G;
        int n = item / g.InChannels, ci = item % g.InChannels;
        int tileWidth = TileWidth, length = job->Length, cout = g.OutChannels, kk = g.KernelHeight * g.KernelWidth;
        float* target = job->GradInput + (long)item * g.InHeight * g.InWidth;
        new Span<float>(target, g.InHeight * g.InWidth).Clear();
        float* tile = stackalloc float[Rows * 3 * 16];
        float* grad = job->Grad + (long)n * cout * length;
        for (int t = 0; t < job->Tiles; t++)
        {
            int q0 = t * tileWidth, count = Math.Min(tileWidth, length - q0);
            for (int blk = 0; blk < job->BlocksPerChannel; blk++)
            {
                float* a = job->Packed + ((long)ci * job->BlocksPerChannel + blk) * cout * Rows;
                ConvMicroKernels<TVector, TOps>.Tile(a, grad + q0, job->Offsets, cout, tile, tileWidth);
                for (int r = 0; r < Rows && blk * Rows + r < kk; r++)
                {
                    int tap = blk * Rows + r, ky = tap / g.KernelWidth, kx = tap % g.KernelWidth;
                    int oy = q0 / g.OutWidth, ox = q0 % g.OutWidth;
                    float* row = tile + r * tileWidth;
                    for (int j = 0; j < count; j++)
                    {
                        int iy = oy * g.StrideH + ky - g.PadTop, ix = ox * g.StrideW + kx - g.PadLeft;
                        if ((uint)iy < (uint)g.InHeight && (uint)ix < (uint)g.InWidth)
                            target[(long)iy * g.InWidth + ix] += row[j];
                        if (++ox == g.OutWidth) { ox = 0; oy++; }
                    }
                }
            }
        }
    }
}
