using System.Runtime.CompilerServices;

namespace SuperRes.Tensors.Kernels;

internal sealed unsafe partial class SimdConv2dKernel<TVector, TOps>
{
    private struct PadJob
    {
        public Conv2dGeometry G;
        public float* Input, Padded;
        public int Plane, RowWidth;
    }

    /// <summary>
    /// Copies the batch into a zero-bordered buffer [n][c][Hp][Wp] with zero slack at the end, so tiles
    /// may read past the last row. Returns a per-thread scratch buffer.
    /// </summary>
    private static float* PadInput(in Conv2dGeometry g, float* input, bool parallel, out int plane, out long imageStride)
    {
        int hp = g.InHeight + g.PadTop + g.PadBottom, wp = g.InWidth + g.PadLeft + g.PadRight;
        plane = Skewed(hp * wp);
        imageStride = (long)g.InChannels * plane;
        long total = g.Batch * imageStride;
        long slack = g.KernelWidth + 2L * TileWidth + 16;
        float* padded = NativeScratch.Get(NativeScratch.PaddedInput, total + slack);
        new Span<float>(padded + total, (int)slack).Clear();
        var job = new PadJob { G = g, Input = input, Padded = padded, Plane = plane, RowWidth = wp };
        KernelWorkerPool.Run(g.Batch * g.InChannels, &PadItem, &job, parallel);
        return padded;
    }

    private static void PadItem(void* state, int item, int thread)
    {
        var job = (PadJob*)state;
        ref readonly var g = ref job->G;
        int wp = job->RowWidth;
        float* dst = job->Padded + (long)item * job->Plane;
        float* src = job->Input + (long)item * g.InHeight * g.InWidth;
        new Span<float>(dst, g.PadTop * wp).Clear();
        dst += g.PadTop * wp;
        for (int y = 0; y < g.InHeight; y++, dst += wp, src += g.InWidth) PadRow(g, src, dst);
        new Span<float>(dst, job->Plane - (g.PadTop + g.InHeight) * wp).Clear(); // bottom rows and skew gap
    }

    /// <summary>
    /// The rows of the zero-padded image that tiles covering padded positions [q0, qEnd) read, every
    /// input channel, into this worker's band buffer; returns the base to add positions and
    /// <paramref name="offsets"/> (band-relative, like <see cref="FillDirectOffsets"/>'s) to.
    /// </summary>
    private static float* PadBand(in Conv2dGeometry g, float* image, int rowWidth, int q0, int qEnd, out int* offsets)
    {
        int first = q0 / rowWidth;
        long lastRead = qEnd - 1L + (g.KernelHeight - 1) * (long)rowWidth + g.KernelWidth - 1;
        int rows = (int)(lastRead / rowWidth) - first + 1;
        int plane = Skewed(rows * rowWidth);
        float* band = NativeScratch.Get(NativeScratch.WorkerBand, (long)g.InChannels * plane);
        for (int c = 0; c < g.InChannels; c++)
        {
            float* src = image + (long)c * g.InHeight * g.InWidth, dst = band + (long)c * plane;
            for (int r = 0; r < rows; r++, dst += rowWidth)
            {
                int y = first + r - g.PadTop;
                if ((uint)y >= (uint)g.InHeight)
                {
                    FloatRuns.Zero(dst, rowWidth);
                    continue;
                }
                PadRow(g, src + (long)y * g.InWidth, dst);
            }
        }
        int k = g.InChannels * g.KernelHeight * g.KernelWidth;
        offsets = (int*)NativeScratch.Get(NativeScratch.WorkerOffsets, k);
        FillDirectOffsets(g, plane, rowWidth, offsets, k);
        return band - (long)first * rowWidth;
    }

    /// <summary>One input row into a padded row: PadLeft zeros, the row, PadRight zeros.</summary>
    /// <remarks>Inlined: called once per row, it ran out of line as first-tier code through a short process.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PadRow(in Conv2dGeometry g, float* src, float* dst)
    {
        FloatRuns.Zero(dst, g.PadLeft);
        FloatRuns.Copy(src, dst + g.PadLeft, g.InWidth);
        FloatRuns.Zero(dst + g.PadLeft + g.InWidth, g.PadRight);
    }

    /// <summary>A channel plane's length, lengthened when planes a multiple of 4 KiB apart would share L1 sets (1x1 convs on 256x256).</summary>
    private static int Skewed(int plane) => plane % 1024 < 64 || plane % 1024 > 960 ? plane + 128 : plane;
}
