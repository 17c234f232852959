using System.Runtime.CompilerServices;

namespace SuperRes.Tensors.Kernels;

internal sealed unsafe partial class SimdConv2dKernel<TVector, TOps>
{
    /// <summary>One chunk of tiles of one image: input transform, 16 (or 9) GEMMs, output transform.</summary>
    private static void WinogradItem(void* state, int item, int thread)
    {
        var job = (WinogradJob*)state;
        int n = item / job->ChunksPerImage, chunk = item % job->ChunksPerImage;
        int tileWidth = TileWidth, cin = job->G.InChannels, tc = job->ChunkTiles, coBlocks = job->CoBlocks, points = job->Points;
        int t0 = chunk * tc, tiles = Math.Min(tc, job->TilesY * job->TilesX - t0);
        // One cache line past the dense size: rows a multiple of 4 KiB apart would share L1 sets (up to 36 rows, 12 ways).
        long vStride = (long)cin * tc + 16, mStride = (long)coBlocks * Rows * tc + 16;
        float* v = NativeScratch.Get(NativeScratch.WorkerColumns, points * vStride);
        float* m = NativeScratch.Get(NativeScratch.WorkerTiles, points * mStride);

        if (points == 36) InputPhase4(job, n, t0, tiles, v, vStride);
        else InputPhase(job, n, t0, tiles, v, vStride);
        for (int xi = 0; xi < points; xi++)
        for (int tg = 0; tg < tiles; tg += tileWidth)
        for (int cb = 0; cb < coBlocks; cb++)
            ConvMicroKernels<TVector, TOps>.Tile(job->U + ((long)xi * coBlocks + cb) * cin * Rows, v + xi * vStride + tg,
                job->Offsets, cin, m + xi * mStride + (long)cb * Rows * tc + tg, tc);
        if (job->IsSubPixel) SubPixelOutputPhase(job, n, t0, tiles, m, mStride);
        else if (points == 36) OutputPhase4(job, n, t0, tiles, m, mStride);
        else OutputPhase(job, n, t0, tiles, m, mStride);
    }

    /// <summary>V of tiles [t0, t0 + tiles) of image n, every input channel; tile (ty, tx) advanced by steps, not divisions.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void InputPhase(WinogradJob* job, int n, int t0, int tiles, float* v, long vStride)
    {
        int w = TOps.Count, cin = job->G.InChannels, tc = job->ChunkTiles, points = job->Points, tilesX = job->TilesX;
        bool small = points == 9;
        // The chunk's tile rows and columns, and the input rows and column pairs under them.
        int ty0 = t0 / tilesX, tx0 = t0 - ty0 * tilesX, tyLast = (t0 + tiles - 1) / tilesX;
        // Tiles come in whole vectors; the last vector's read one pair past it.
        int j0 = ty0 == tyLast ? tx0 : 0, pairs = (ty0 == tyLast ? tiles : tilesX) + 1;
        int rows = 2 * (tyLast - ty0) + 4, rowStride = 2 * pairs;
        float* split = NativeScratch.Get(NativeScratch.WorkerSplit, (long)rows * rowStride);
        long inPlane = (long)job->G.InHeight * job->G.InWidth;
        for (int ci = 0; ci < cin; ci++)
        {
            SplitRows(job->G, job->Input + ((long)n * cin + ci) * inPlane, 2 * ty0, rows, j0, pairs, split);
            float* dst = v + (long)ci * tc;
            int ty = ty0, tx = tx0;
            for (int t = 0; t < tiles; t += w)
            {
                float* d = split + (long)(2 * (ty - ty0)) * rowStride + tx - j0;
                if (small) InputTransform2(d, rowStride, pairs, dst + t, vStride);
                else InputTransform(d, rowStride, pairs, dst + t, vStride);
                tx += w;
                if (tx == tilesX) { tx = 0; ty++; }
            }
            ZeroRaggedEnd(v + (long)ci * tc, vStride, points, tiles, tc);
        }
    }

    /// <summary>Zeroes tiles [tiles, tc) of one channel's V rows, so the GEMM never meets garbage (denormals, NaN) past a chunk's last tile.</summary>
    private static void ZeroRaggedEnd(float* v, long vStride, int points, int tiles, int tc)
    {
        if (tiles < tc)
            for (int xi = 0; xi < points; xi++) new Span<float>(v + xi * vStride + tiles, tc - tiles).Clear();
    }

    /// <summary>Output rows of tiles [t0, t0 + tiles) of image n from M: A^T M A + bias, leaky ReLU, stored in place.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static void OutputPhase(WinogradJob* job, int n, int t0, int tiles, float* m, long mStride)
    {
        int w = TOps.Count, tc = job->ChunkTiles, tilesX = job->TilesX;
        int outChannels = job->G.OutChannels, outHeight = job->G.OutHeight, outWidth = job->G.OutWidth;
        bool small = job->Points == 9, leaky = job->Leaky;
        int ty0 = t0 / tilesX, tx0 = t0 - ty0 * tilesX;
        float* y = stackalloc float[4 * 16];
        TVector slope = TOps.Splat(job->Slope);
        for (int co = 0; co < outChannels; co++)
        {
            TVector bias = TOps.Splat(job->Bias == null ? 0f : job->Bias[co]);
            float* outPlane = job->Output + ((long)n * outChannels + co) * outHeight * outWidth;
            float* mc = m + (long)co * tc;
            int ty = ty0, tx = tx0;
            for (int t = 0; t < tiles; t += w)
            {
                float* row = outPlane + (long)(2 * ty) * outWidth + 2 * tx;
                bool inside = 2 * ty + 1 < outHeight && 2 * (tx + w) <= outWidth;
                // Ragged edge: through a small buffer, storing what lies inside the image.
                float* target = inside ? row : y;
                int stride = inside ? outWidth : 2 * w;
                if (small) OutputTransform2(mc + t, mStride, bias, leaky, slope, target, stride);
                else OutputTransform(mc + t, mStride, bias, leaky, slope, target, stride);
                if (!inside)
                {
                    for (int a = 0; a < 2 && 2 * ty + a < outHeight; a++)
                    {
                        int count = Math.Min(2 * w, outWidth - 2 * tx);
                        FloatRuns.Copy(y + a * 2 * w, row + a * outWidth, count);
                    }
                }
                tx += w;
                if (tx == tilesX) { tx = 0; ty++; }
            }
        }
    }

    /// <summary>V = B^T d B for w adjacent tiles; d row r, column c read from the even/odd split rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void InputTransform(float* even, int rowStride, int oddOffset, float* dst, long xiStride)
    {
        TVector h00, h01, h02, h03, h10, h11, h12, h13, h20, h21, h22, h23, h30, h31, h32, h33;
        Row(even, oddOffset, out h00, out h01, out h02, out h03);
        Row(even + rowStride, oddOffset, out h10, out h11, out h12, out h13);
        Row(even + 2 * rowStride, oddOffset, out h20, out h21, out h22, out h23);
        Row(even + 3 * rowStride, oddOffset, out h30, out h31, out h32, out h33);
        Column(dst, xiStride, 0, h00, h10, h20, h30);
        Column(dst, xiStride, 1, h01, h11, h21, h31);
        Column(dst, xiStride, 2, h02, h12, h22, h32);
        Column(dst, xiStride, 3, h03, h13, h23, h33);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void Row(float* p, int odd, out TVector j0, out TVector j1, out TVector j2, out TVector j3)
        {
            TVector c0 = TOps.Load(p), c1 = TOps.Load(p + odd), c2 = TOps.Load(p + 1), c3 = TOps.Load(p + odd + 1);
            j0 = TOps.Subtract(c0, c2); j1 = TOps.Add(c1, c2); j2 = TOps.Subtract(c2, c1); j3 = TOps.Subtract(c1, c3);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void Column(float* dst, long stride, int j, TVector r0, TVector r1, TVector r2, TVector r3)
        {
            TOps.Store(dst + (0 + j) * stride, TOps.Subtract(r0, r2));
            TOps.Store(dst + (4 + j) * stride, TOps.Add(r1, r2));
            TOps.Store(dst + (8 + j) * stride, TOps.Subtract(r2, r1));
            TOps.Store(dst + (12 + j) * stride, TOps.Subtract(r1, r3));
        }
    }

    /// <summary>
    /// Y = A^T M A + bias (then leaky ReLU when <paramref name="leaky"/>) for w adjacent tiles, stored as two
    /// output rows of 2w floats.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OutputTransform(float* m, long xiStride, TVector bias, bool leaky, TVector slope, float* dst, int rowStride)
    {
        OutputValues(m, xiStride, bias, leaky, slope, out TVector y00, out TVector y01, out TVector y10, out TVector y11);
        TOps.StoreInterleaved(dst, y00, y01);
        TOps.StoreInterleaved(dst + rowStride, y10, y11);
    }

    /// <summary>Y = A^T M A + bias (then leaky ReLU) for w adjacent tiles: yab holds output row a, column b of every tile. Unrolled so the 16 loads and sums stay in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OutputValues(float* m, long xiStride, TVector bias, bool leaky, TVector slope,
        out TVector y00, out TVector y01, out TVector y10, out TVector y11)
    {
        // Columns j of A^T M: a_j = m0j + m1j + m2j, b_j = m1j - m2j - m3j (m_ij at m + (4i + j) * xiStride).
        TVector a0 = Column0(m, xiStride, 0, out TVector b0), a1 = Column0(m, xiStride, 1, out TVector b1);
        TVector a2 = Column0(m, xiStride, 2, out TVector b2), a3 = Column0(m, xiStride, 3, out TVector b3);
        y00 = TOps.Add(TOps.Add(TOps.Add(a0, a1), a2), bias); y01 = TOps.Add(TOps.Subtract(TOps.Subtract(a1, a2), a3), bias);
        y10 = TOps.Add(TOps.Add(TOps.Add(b0, b1), b2), bias); y11 = TOps.Add(TOps.Subtract(TOps.Subtract(b1, b2), b3), bias);
        if (leaky)
        {
            y00 = TOps.LeakyRelu(y00, slope); y01 = TOps.LeakyRelu(y01, slope);
            y10 = TOps.LeakyRelu(y10, slope); y11 = TOps.LeakyRelu(y11, slope);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static TVector Column0(float* m, long stride, int j, out TVector b)
        {
            TVector m0 = TOps.Load(m + j * stride), m1 = TOps.Load(m + (4 + j) * stride);
            TVector m2 = TOps.Load(m + (8 + j) * stride), m3 = TOps.Load(m + (12 + j) * stride);
            b = TOps.Subtract(TOps.Subtract(m1, m2), m3);
            return TOps.Add(TOps.Add(m0, m1), m2);
        }
    }

    /// <summary>V = B^T d B for F(2x2, 2x2), B^T = [1 -1 0; 0 1 0; 0 -1 1]: a 3x3 input tile per 2x2 output.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void InputTransform2(float* even, int rowStride, int oddOffset, float* dst, long xiStride)
    {
        Row(even, oddOffset, out TVector h00, out TVector h01, out TVector h02);
        Row(even + rowStride, oddOffset, out TVector h10, out TVector h11, out TVector h12);
        Row(even + 2 * rowStride, oddOffset, out TVector h20, out TVector h21, out TVector h22);
        TOps.Store(dst, TOps.Subtract(h00, h10));
        TOps.Store(dst + xiStride, TOps.Subtract(h01, h11));
        TOps.Store(dst + 2 * xiStride, TOps.Subtract(h02, h12));
        TOps.Store(dst + 3 * xiStride, h10);
        TOps.Store(dst + 4 * xiStride, h11);
        TOps.Store(dst + 5 * xiStride, h12);
        TOps.Store(dst + 6 * xiStride, TOps.Subtract(h20, h10));
        TOps.Store(dst + 7 * xiStride, TOps.Subtract(h21, h11));
        TOps.Store(dst + 8 * xiStride, TOps.Subtract(h22, h12));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void Row(float* p, int odd, out TVector j0, out TVector j1, out TVector j2)
        {
            TVector c0 = TOps.Load(p), c1 = TOps.Load(p + odd), c2 = TOps.Load(p + 1);
            j0 = TOps.Subtract(c0, c1); j1 = c1; j2 = TOps.Subtract(c2, c1);
        }
    }

    /// <summary>Y = A^T M A + bias (then leaky ReLU) for F(2x2, 2x2), stored as two output rows of 2w floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OutputTransform2(float* m, long xiStride, TVector bias, bool leaky, TVector slope, float* dst, int rowStride)
    {
        OutputValues2(m, xiStride, bias, leaky, slope, out TVector y00, out TVector y01, out TVector y10, out TVector y11);
        TOps.StoreInterleaved(dst, y00, y01);
        TOps.StoreInterleaved(dst + rowStride, y10, y11);
    }

    /// <summary>Y = A^T M A + bias (then leaky ReLU) for F(2x2, 2x2), A^T = [1 1 0; 0 1 1]; yab: output row a, column b of every tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OutputValues2(float* m, long xiStride, TVector bias, bool leaky, TVector slope,
        out TVector y00, out TVector y01, out TVector y10, out TVector y11)
    {
        TVector m1j0 = TOps.Load(m + 3 * xiStride), m1j1 = TOps.Load(m + 4 * xiStride), m1j2 = TOps.Load(m + 5 * xiStride);
        TVector a0 = TOps.Add(TOps.Load(m), m1j0), a1 = TOps.Add(TOps.Load(m + xiStride), m1j1), a2 = TOps.Add(TOps.Load(m + 2 * xiStride), m1j2);
        TVector b0 = TOps.Add(m1j0, TOps.Load(m + 6 * xiStride)), b1 = TOps.Add(m1j1, TOps.Load(m + 7 * xiStride));
        TVector b2 = TOps.Add(m1j2, TOps.Load(m + 8 * xiStride));
        y00 = TOps.Add(TOps.Add(a0, a1), bias); y01 = TOps.Add(TOps.Add(a1, a2), bias);
        y10 = TOps.Add(TOps.Add(b0, b1), bias); y11 = TOps.Add(TOps.Add(b1, b2), bias);
        if (leaky)
        {
            y00 = TOps.LeakyRelu(y00, slope); y01 = TOps.LeakyRelu(y01, slope);
            y10 = TOps.LeakyRelu(y10, slope); y11 = TOps.LeakyRelu(y11, slope);
        }
    }
}
