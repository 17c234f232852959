using System.Runtime.CompilerServices;

namespace SuperRes.Tensors.Kernels;

/// <summary>
/// Winograd F(4x4, 3x3) (Lavin and Gray, 2016; points 0, +-1, +-2): 36 multiplies per 4x4 output
/// instead of 144, 4x fewer than direct and 1.78x fewer than F(2x2, 3x3), for larger transforms and
/// errors of a few 1e-6 relative instead of about 1e-7. Tiles of a row are read from the input split
/// four ways (columns 4j + r into plane r), so w adjacent tiles are one vector per tile column.
/// </summary>
internal sealed unsafe partial class SimdConv2dKernel<TVector, TOps>
{
    /// <summary>
    /// U[xi][cb][ci][r] = (G g G^T)[xi], G the 6x3 F(4x4, 3x3) kernel transform (zero past the last channel):
    /// the plain reference that <see cref="TransformWeights4Vector"/> is tested against.
    /// </summary>
    internal static void TransformWeights4(in Conv2dGeometry g, float* weight, float* u, int coBlocks)
    {
        int cin = g.InChannels;
        double* t = stackalloc double[18];
        double* values = stackalloc double[36];
        for (int co = 0; co < coBlocks * Rows; co++)
        for (int ci = 0; ci < cin; ci++)
        {
            bool real = co < g.OutChannels;
            float* k = weight + ((long)co * cin + ci) * 9;
            for (int c = 0; c < 3; c++) // t = G g (6x3), in double so U carries no extra rounding
            {
                double g0 = real ? k[c] : 0, g1 = real ? k[3 + c] : 0, g2 = real ? k[6 + c] : 0;
                Column(g0, g1, g2, t, c, 3);
            }
            for (int r = 0; r < 6; r++) Column(t[r * 3], t[r * 3 + 1], t[r * 3 + 2], values + r * 6, 0, 1); // (G g) G^T (6x6)
            for (int xi = 0; xi < 36; xi++)
                u[(((long)xi * coBlocks + co / Rows) * cin + ci) * Rows + co % Rows] = (float)values[xi];
        }

        // Inlined: left a call, it ran as unoptimized first-tier code through a whole upscale.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void Column(double g0, double g1, double g2, double* dst, int offset, int stride)
        {
            dst[offset] = g0 / 4;
            dst[offset + stride] = -(g0 + g1 + g2) / 6;
            dst[offset + 2 * stride] = -(g0 - g1 + g2) / 6;
            dst[offset + 3 * stride] = g0 / 24 + g1 / 12 + g2 / 6;
            dst[offset + 4 * stride] = g0 / 24 - g1 / 12 + g2 / 6;
            dst[offset + 5 * stride] = g2;
        }
    }

    /// <summary>
    /// Input rows y0 .. y0 + rows (padded coordinates) of one plane split four ways from quad j0 on:
    /// each row is planes r = 0..3 of width floats, plane r holding input column 4 (j0 + j) + r - padLeft; zero outside the image.
    /// </summary>
    private static void SplitRows4(in Conv2dGeometry g, float* src, int y0, int rows, int j0, int width, float* dst)
    {
        int w = TOps.Count, padLeft = g.PadLeft, inWidth = g.InWidth, x0 = 4 * j0 - padLeft;
        float* line = stackalloc float[4 * w];
        for (int y = y0; y < y0 + rows; y++, dst += 4 * width)
        {
            int iy = y - g.PadTop;
            if ((uint)iy >= (uint)g.InHeight)
            {
                new Span<float>(dst, 4 * width).Clear();
                continue;
            }
            float* row = src + (long)iy * inWidth;
            int j = 0;
            for (; j < width && x0 + 4 * j < 0; j++) Quad(row, dst, width, j, x0 + 4 * j, inWidth);
            for (; j + w <= width && x0 + 4 * (j + w) <= inWidth; j += w)
            {
                TOps.LoadDeinterleaved4(row + x0 + 4 * j, out var p0, out var p1, out var p2, out var p3);
                TOps.Store(dst + j, p0);
                TOps.Store(dst + width + j, p1);
                TOps.Store(dst + 2 * width + j, p2);
                TOps.Store(dst + 3 * width + j, p3);
            }
            // The rest, where a full load would pass the row's end (the row's last vector of quads and the
            // zeros past it, or all of a row narrower than that): w quads at a time through a zero-padded
            // copy, so that it too splits in vector lanes.
            for (; j < width; j += w)
            {
                int start = x0 + 4 * j, count = Math.Min(w, width - j), have = Math.Clamp(inWidth - start, 0, 4 * count);
                int k = 0;
                for (; k + w <= have; k += w) TOps.Store(line + k, TOps.Load(row + start + k));
                for (; k < have; k++) line[k] = row[start + k];
                ZeroShort(line + k, 4 * w - k);
                TOps.LoadDeinterleaved4(line, out var p0, out var p1, out var p2, out var p3);
                if (count == w)
                {
                    TOps.Store(dst + j, p0);
                    TOps.Store(dst + width + j, p1);
                    TOps.Store(dst + 2 * width + j, p2);
                    TOps.Store(dst + 3 * width + j, p3);
                    continue;
                }
                TOps.Store(line, p0);
                TOps.Store(line + w, p1);
                TOps.Store(line + 2 * w, p2);
                TOps.Store(line + 3 * w, p3);
                for (int r = 0; r < 4; r++)
                    for (int q = 0; q < count; q++) dst[r * width + j + q] = line[r * w + q];
            }
        }

        static void Quad(float* row, float* dst, int width, int j, int x, int inWidth)
        {
            for (int r = 0; r < 4; r++) dst[r * width + j] = (uint)(x + r) < (uint)inWidth ? row[x + r] : 0f;
        }
    }

    /// <summary>
    /// V of tiles [t0, t0 + tiles) of image n, every input channel, for F(4x4, 3x3), in segments of the
    /// tile grid: a part of one tile row, or whole tile rows. A chunk that starts inside one row and ends
    /// inside the next would otherwise split both rows' inputs whole for a few tiles of each (on a 1024
    /// wide map, 10 input rows of 1028 floats per channel for 48 tiles instead of 6 of 196).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void InputPhase4(WinogradJob* job, int n, int t0, int tiles, float* v, long vStride)
    {
        int tilesX = job->TilesX, end = t0 + tiles;
        for (int t = t0; t < end;)
        {
            int tx = t % tilesX;
            int next = tx == 0 && end - t >= tilesX ? t + (end - t) / tilesX * tilesX : Math.Min(end, t - tx + tilesX);
            InputSegment4(job, n, t, next - t, v + (t - t0), vStride);
            t = next;
        }
        for (int ci = 0; ci < job->G.InChannels; ci++) ZeroRaggedEnd(v + (long)ci * job->ChunkTiles, vStride, 36, tiles, job->ChunkTiles);
    }

    /// <summary>V columns from <paramref name="v"/> on for tiles [t0, t0 + tiles): a part of one tile row, or whole rows from a row's start.</summary>
    [SkipLocalsInit]
    private static void InputSegment4(WinogradJob* job, int n, int t0, int tiles, float* v, long vStride)
    {
        int w = TOps.Count, cin = job->G.InChannels, tc = job->ChunkTiles, tilesX = job->TilesX;
        int ty0 = t0 / tilesX, tx0 = t0 - ty0 * tilesX, tyLast = (t0 + tiles - 1) / tilesX;
        // Tiles come in whole vectors (w divides tilesX and every segment); the last vector's tiles read
        // one quad past it, so every row is that many quads and one more.
        int j0 = ty0 == tyLast ? tx0 : 0, quads = (ty0 == tyLast ? tiles : tilesX) + 1;
        int rows = 4 * (tyLast - ty0) + 6, rowStride = 4 * quads;
        float* split = NativeScratch.Get(NativeScratch.WorkerSplit, (long)rows * rowStride);
        float* rowsT = stackalloc float[36 * 16];
        long inPlane = (long)job->G.InHeight * job->G.InWidth;
        float* image = job->Input + (long)n * cin * inPlane;
        PrefetchRows(job->G, image, 4 * ty0, rows, 4 * j0, rowStride);
        for (int ci = 0; ci < cin; ci++)
        {
            // A channel's rows are short pieces of a large plane, a plane apart: no hardware prefetcher
            // guesses them, so ask for the next channel's while this one is split (a quarter less split time).
            if (ci + 1 < cin) PrefetchRows(job->G, image + (ci + 1) * inPlane, 4 * ty0, rows, 4 * j0, rowStride);
            SplitRows4(job->G, image + ci * inPlane, 4 * ty0, rows, j0, quads, split);
            float* dst = v + (long)ci * tc;
            int ty = ty0, tx = tx0;
            for (int t = 0; t < tiles; t += w)
            {
                InputTransform4(split + (long)(4 * (ty - ty0)) * rowStride + tx - j0, rowStride, quads, rowsT, dst + t, vStride);
                tx += w;
                if (tx == tilesX) { tx = 0; ty++; }
            }
        }
    }

    /// <summary>Prefetches the image rows under padded rows y0 .. y0 + rows, padded columns x0 .. x0 + floats, of one plane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchRows(in Conv2dGeometry g, float* plane, int y0, int rows, int x0, int floats)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported) return;
        int first = Math.Max(0, x0 - g.PadLeft), last = Math.Min(g.InWidth, x0 - g.PadLeft + floats);
        if (first >= last) return;
        for (int y = Math.Max(y0, g.PadTop); y < Math.Min(y0 + rows, g.PadTop + g.InHeight); y++)
        {
            byte* row = (byte*)(plane + (long)(y - g.PadTop) * g.InWidth);
            for (long b = first * 4L & ~63L; b < last * 4L; b += 64) System.Runtime.Intrinsics.X86.Sse.Prefetch0(row + b);
        }
    }

    /// <summary>Prefetches the output rows of tiles [t0, t0 + tiles) (4x4 each, raster order, tilesX a row) of one plane.</summary>
    private static void PrefetchOutput(float* plane, int outHeight, int outWidth, int tilesX, int t0, int tiles)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported) return;
        for (int t = t0, end = t0 + tiles; t < end;)
        {
            int ty = t / tilesX, tx = t - ty * tilesX, stop = Math.Min(end, (ty + 1) * tilesX);
            long first = 4L * 4 * tx, last = 4L * Math.Min(outWidth, 4 * (stop - ty * tilesX));
            for (int y = 4 * ty; y < Math.Min(outHeight, 4 * ty + 4); y++)
            {
                byte* row = (byte*)(plane + (long)y * outWidth);
                for (long b = first & ~63L; b < last; b += 64) System.Runtime.Intrinsics.X86.Sse.Prefetch0(row + b);
            }
            t = stop;
        }
    }

    /// <summary>
    /// V = B^T d B for w adjacent 6x6 tiles starting at d (rows rowStride apart; tile column k &lt; 4 in
    /// plane k, columns 4 and 5 in planes 0 and 1 one quad on), through <paramref name="temp"/> (36 vectors).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void InputTransform4(float* d, int rowStride, int plane, float* temp, float* dst, long xiStride)
    {
        int w = TOps.Count;
        for (int r = 0; r < 6; r++, d += rowStride) // B^T along each row: temp[r][j]
            Transform6(TOps.Load(d), TOps.Load(d + plane), TOps.Load(d + 2 * plane), TOps.Load(d + 3 * plane),
                TOps.Load(d + 1), TOps.Load(d + plane + 1), temp + r * 6 * w, w);
        for (int j = 0; j < 6; j++) // then down each column, straight into V[i][j]
        {
            float* c = temp + j * w;
            Transform6(TOps.Load(c), TOps.Load(c + 6 * w), TOps.Load(c + 12 * w), TOps.Load(c + 18 * w), TOps.Load(c + 24 * w),
                TOps.Load(c + 30 * w), dst + j * xiStride, 6 * xiStride);
        }
    }

    /// <summary>B^T x for one column of six vectors (the F(4x4, 3x3) data transform), stored at o + k * stride.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transform6(TVector x0, TVector x1, TVector x2, TVector x3, TVector x4, TVector x5, float* o, long stride)
    {
        TVector four = TOps.Splat(4f), minusFour = TOps.Splat(-4f), minusFive = TOps.Splat(-5f), two = TOps.Splat(2f);
        TVector a = TOps.MultiplyAdd(minusFour, x2, x4), b = TOps.MultiplyAdd(minusFour, x1, x3);
        TVector c = TOps.Subtract(x4, x2), e = TOps.Multiply(two, TOps.Subtract(x3, x1));
        TOps.Store(o, TOps.MultiplyAdd(minusFive, x2, TOps.MultiplyAdd(four, x0, x4)));
        TOps.Store(o + stride, TOps.Add(a, b));
        TOps.Store(o + 2 * stride, TOps.Subtract(a, b));
        TOps.Store(o + 3 * stride, TOps.Add(c, e));
        TOps.Store(o + 4 * stride, TOps.Subtract(c, e));
        TOps.Store(o + 5 * stride, TOps.MultiplyAdd(minusFive, x3, TOps.MultiplyAdd(four, x1, x5)));
    }

    /// <summary>Output rows of tiles [t0, t0 + tiles) of image n from M for F(4x4, 3x3): A^T M A + bias, leaky ReLU.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static void OutputPhase4(WinogradJob* job, int n, int t0, int tiles, float* m, long mStride)
    {
        int w = TOps.Count, tc = job->ChunkTiles, tilesX = job->TilesX;
        int outChannels = job->G.OutChannels, outHeight = job->G.OutHeight, outWidth = job->G.OutWidth;
        bool leaky = job->Leaky;
        int ty0 = t0 / tilesX, tx0 = t0 - ty0 * tilesX;
        float* run = stackalloc float[4 * 16];
        float* temp = stackalloc float[24 * 16];
        TVector slope = TOps.Splat(job->Slope);
        long outPlaneSize = (long)outHeight * outWidth;
        PrefetchOutput(job->Output + (long)n * outChannels * outPlaneSize, outHeight, outWidth, tilesX, t0, tiles);
        for (int co = 0; co < outChannels; co++)
        {
            TVector bias = TOps.Splat(job->Bias == null ? 0f : job->Bias[co]);
            float* outPlane = job->Output + ((long)n * outChannels + co) * outPlaneSize;
            // As on the input side: the next channel's output rows are short pieces a plane apart.
            if (co + 1 < outChannels) PrefetchOutput(outPlane + outPlaneSize, outHeight, outWidth, tilesX, t0, tiles);
            float* mc = m + (long)co * tc;
            int ty = ty0, tx = tx0;
            for (int t = 0; t < tiles; t += w)
            {
                // A^T down each column j of M (4x6 into temp), then along each of the 4 rows.
                float* mt = mc + t;
                for (int j = 0; j < 6; j++)
                {
                    Reduce6(TOps.Load(mt + j * mStride), TOps.Load(mt + (6 + j) * mStride), TOps.Load(mt + (12 + j) * mStride),
                        TOps.Load(mt + (18 + j) * mStride), TOps.Load(mt + (24 + j) * mStride), TOps.Load(mt + (30 + j) * mStride),
                        out TVector r0, out TVector r1, out TVector r2, out TVector r3);
                    TOps.Store(temp + j * w, r0);
                    TOps.Store(temp + (6 + j) * w, r1);
                    TOps.Store(temp + (12 + j) * w, r2);
                    TOps.Store(temp + (18 + j) * w, r3);
                }
                for (int a = 0; a < 4; a++)
                {
                    int oy = 4 * ty + a;
                    if (oy >= outHeight) break;
                    float* r = temp + a * 6 * w;
                    Reduce6(TOps.Load(r), TOps.Load(r + w), TOps.Load(r + 2 * w), TOps.Load(r + 3 * w), TOps.Load(r + 4 * w), TOps.Load(r + 5 * w),
                        out TVector y0, out TVector y1, out TVector y2, out TVector y3);
                    y0 = TOps.Add(y0, bias); y1 = TOps.Add(y1, bias); y2 = TOps.Add(y2, bias); y3 = TOps.Add(y3, bias);
                    if (leaky)
                    {
                        y0 = TOps.LeakyRelu(y0, slope); y1 = TOps.LeakyRelu(y1, slope);
                        y2 = TOps.LeakyRelu(y2, slope); y3 = TOps.LeakyRelu(y3, slope);
                    }
                    StoreRun(outPlane + (long)oy * outWidth, outWidth, 4 * tx, run, y0, y1, y2, y3);
                }
                tx += w;
                if (tx == tilesX) { tx = 0; ty++; }
            }
        }
    }

    /// <summary>A^T m for one column of six vectors: its four outputs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Reduce6(TVector m0, TVector m1, TVector m2, TVector m3, TVector m4, TVector m5,
        out TVector o0, out TVector o1, out TVector o2, out TVector o3)
    {
        TVector p = TOps.Add(m1, m2), q = TOps.Subtract(m1, m2), r = TOps.Add(m3, m4), u = TOps.Subtract(m3, m4);
        o0 = TOps.Add(TOps.Add(m0, p), r);
        o1 = TOps.MultiplyAdd(TOps.Splat(2f), u, q);
        o2 = TOps.MultiplyAdd(TOps.Splat(4f), r, p);
        o3 = TOps.Add(TOps.MultiplyAdd(TOps.Splat(8f), u, q), m5);
    }
}
