using System.Runtime.CompilerServices;

namespace SuperRes.Tensors.Kernels;

internal sealed unsafe partial class SimdConv2dKernel<TVector, TOps>
{
    /// <summary>
    /// The output phase of a stride-2 sub-pixel transposed conv: channels (ry, 0, c) and (ry, 1, c)
    /// are transformed together, and row a of their tiles, interleaved four ways (column b, phase rx),
    /// is one run of 4w output pixels of output row 2 (2 ty + a) + ry - cropTop.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static void SubPixelOutputPhase(WinogradJob* job, int n, int t0, int tiles, float* m, long mStride)
    {
        int w = TOps.Count, tc = job->ChunkTiles, tilesX = job->TilesX, co = job->SubPixel.Channels;
        int height = job->SubPixel.Height, width = job->SubPixel.Width, top = job->SubPixel.CropTop, left = job->SubPixel.CropLeft;
        bool small = job->Points == 9, leaky = job->Leaky;
        int ty0 = t0 / tilesX, tx0 = t0 - ty0 * tilesX;
        float* run = stackalloc float[4 * 16];
        TVector slope = TOps.Splat(job->Slope);
        for (int c = 0; c < co; c++)
        {
            float* plane = job->SubPixel.Output + ((long)n * co + c) * height * width;
            for (int ry = 0; ry < 2; ry++)
            {
                int even = 2 * ry * co + c, odd = even + co; // phases (ry, 0) and (ry, 1)
                TVector biasEven = TOps.Splat(job->Bias == null ? 0f : job->Bias[even]);
                TVector biasOdd = TOps.Splat(job->Bias == null ? 0f : job->Bias[odd]);
                float* me = m + (long)even * tc, mo = m + (long)odd * tc;
                int ty = ty0, tx = tx0;
                for (int t = 0; t < tiles; t += w)
                {
                    TVector e00, e01, e10, e11, o00, o01, o10, o11;
                    if (small)
                    {
                        OutputValues2(me + t, mStride, biasEven, leaky, slope, out e00, out e01, out e10, out e11);
                        OutputValues2(mo + t, mStride, biasOdd, leaky, slope, out o00, out o01, out o10, out o11);
                    }
                    else
                    {
                        OutputValues(me + t, mStride, biasEven, leaky, slope, out e00, out e01, out e10, out e11);
                        OutputValues(mo + t, mStride, biasOdd, leaky, slope, out o00, out o01, out o10, out o11);
                    }
                    int x0 = 4 * tx - left;
                    int y = 2 * (2 * ty) + ry - top;
                    if ((uint)y < (uint)height) StoreRun(plane + (long)y * width, width, x0, run, e00, o00, e01, o01);
                    y += 2;
                    if ((uint)y < (uint)height) StoreRun(plane + (long)y * width, width, x0, run, e10, o10, e11, o11);
                    tx += w;
                    if (tx == tilesX) { tx = 0; ty++; }
                }
            }
        }
    }

    /// <summary>Stores a0 b0 c0 d0 a1 b1 ... at row[x0 ..], the part inside [0, width) only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRun(float* row, int width, int x0, float* buffer, TVector a, TVector b, TVector c, TVector d)
    {
        int length = 4 * TOps.Count;
        if (x0 >= 0 && x0 + length <= width)
        {
            TOps.StoreInterleaved4(row + x0, a, b, c, d);
            return;
        }
        TOps.StoreInterleaved4(buffer, a, b, c, d);
        int start = Math.Max(0, -x0), end = Math.Min(length, width - x0);
        if (end > start) FloatRuns.Copy(buffer + start, row + x0 + start, end - start);
    }
}
