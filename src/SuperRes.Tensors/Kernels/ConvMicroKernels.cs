using System.Runtime.CompilerServices;
using SuperRes.Tensors.Kernels.Simd;

namespace SuperRes.Tensors.Kernels;

/// <summary>
/// The two register-blocked inner loops every pass reduces to: a 4x3 tile of vector accumulators
/// (12 of the 16 AVX2 registers) for the GEMM-like passes, 4x2 for the pixel-reduction one.
/// </summary>
internal static unsafe class ConvMicroKernels<TVector, TOps>
    where TVector : struct
    where TOps : struct, ISimdWidth<TVector>
{
    /// <summary>Rows of the tile (output channels in the forward pass).</summary>
    public const int Rows = 4;

    /// <summary>Vectors across a tile.</summary>
    public const int Columns = 3;

    public static int TileWidth => Columns * TOps.Count;

    /// <summary>
    /// c[r][0..TileWidth) = sum_k a[k*4 + r] * b[offsets[k] + 0..TileWidth): a GEMM tile whose B rows
    /// are found through an offset table, so a padded image serves as an implicit im2col matrix.
    /// With <paramref name="accumulate"/> the sums add to what c holds (K split in blocks).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile(float* a, float* b, int* offsets, int k, float* c, int ldc, bool accumulate = false)
    {
        int w = TOps.Count;
        TVector c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32;
        if (accumulate)
        {
            float* p = c;
            c00 = TOps.Load(p); c01 = TOps.Load(p + w); c02 = TOps.Load(p + 2 * w); p += ldc;
            c10 = TOps.Load(p); c11 = TOps.Load(p + w); c12 = TOps.Load(p + 2 * w); p += ldc;
            c20 = TOps.Load(p); c21 = TOps.Load(p + w); c22 = TOps.Load(p + 2 * w); p += ldc;
            c30 = TOps.Load(p); c31 = TOps.Load(p + w); c32 = TOps.Load(p + 2 * w);
        }
        else
        {
            c00 = c01 = c02 = c10 = c11 = c12 = c20 = c21 = c22 = c30 = c31 = c32 = TOps.Zero;
        }
        for (int i = 0; i < k; i++, a += Rows)
        {
            float* bp = b + offsets[i];
            TVector b0 = TOps.Load(bp), b1 = TOps.Load(bp + w), b2 = TOps.Load(bp + 2 * w);
            TVector av = TOps.Splat(a[0]);
            c00 = TOps.MultiplyAdd(av, b0, c00); c01 = TOps.MultiplyAdd(av, b1, c01); c02 = TOps.MultiplyAdd(av, b2, c02);
            av = TOps.Splat(a[1]);
            c10 = TOps.MultiplyAdd(av, b0, c10); c11 = TOps.MultiplyAdd(av, b1, c11); c12 = TOps.MultiplyAdd(av, b2, c12);
            av = TOps.Splat(a[2]);
            c20 = TOps.MultiplyAdd(av, b0, c20); c21 = TOps.MultiplyAdd(av, b1, c21); c22 = TOps.MultiplyAdd(av, b2, c22);
            av = TOps.Splat(a[3]);
            c30 = TOps.MultiplyAdd(av, b0, c30); c31 = TOps.MultiplyAdd(av, b1, c31); c32 = TOps.MultiplyAdd(av, b2, c32);
        }
        TOps.Store(c, c00); TOps.Store(c + w, c01); TOps.Store(c + 2 * w, c02); c += ldc;
        TOps.Store(c, c10); TOps.Store(c + w, c11); TOps.Store(c + 2 * w, c12); c += ldc;
        TOps.Store(c, c20); TOps.Store(c + w, c21); TOps.Store(c + 2 * w, c22); c += ldc;
        TOps.Store(c, c30); TOps.Store(c + w, c31); TOps.Store(c + 2 * w, c32);
    }

    /// <summary>
    /// One output row over four adjacent tiles: c[u*ldc + 0..TileWidth) = sum_k a[k*4] * b[offsets[k] + u*TileWidth + 0..TileWidth)
    /// for u &lt; 4. For single-channel outputs, where <see cref="Tile"/> would spend 3 of its 4 rows on padding.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TileOneRow(float* a, float* b, int* offsets, int k, float* c, int ldc, bool accumulate = false)
    {
        int w = TOps.Count, tw = Columns * w;
        TVector c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32;
        if (accumulate)
        {
            float* p = c;
            c00 = TOps.Load(p); c01 = TOps.Load(p + w); c02 = TOps.Load(p + 2 * w); p += ldc;
            c10 = TOps.Load(p); c11 = TOps.Load(p + w); c12 = TOps.Load(p + 2 * w); p += ldc;
            c20 = TOps.Load(p); c21 = TOps.Load(p + w); c22 = TOps.Load(p + 2 * w); p += ldc;
            c30 = TOps.Load(p); c31 = TOps.Load(p + w); c32 = TOps.Load(p + 2 * w);
        }
        else
        {
            c00 = c01 = c02 = c10 = c11 = c12 = c20 = c21 = c22 = c30 = c31 = c32 = TOps.Zero;
        }
        for (int i = 0; i < k; i++, a += Rows)
        {
            float* bp = b + offsets[i];
            TVector av = TOps.Splat(a[0]);
            c00 = TOps.MultiplyAdd(av, TOps.Load(bp), c00); c01 = TOps.MultiplyAdd(av, TOps.Load(bp + w), c01);
            c02 = TOps.MultiplyAdd(av, TOps.Load(bp + 2 * w), c02); bp += tw;
            c10 = TOps.MultiplyAdd(av, TOps.Load(bp), c10); c11 = TOps.MultiplyAdd(av, TOps.Load(bp + w), c11);
            c12 = TOps.MultiplyAdd(av, TOps.Load(bp + 2 * w), c12); bp += tw;
            c20 = TOps.MultiplyAdd(av, TOps.Load(bp), c20); c21 = TOps.MultiplyAdd(av, TOps.Load(bp + w), c21);
            c22 = TOps.MultiplyAdd(av, TOps.Load(bp + 2 * w), c22); bp += tw;
            c30 = TOps.MultiplyAdd(av, TOps.Load(bp), c30); c31 = TOps.MultiplyAdd(av, TOps.Load(bp + w), c31);
            c32 = TOps.MultiplyAdd(av, TOps.Load(bp + 2 * w), c32);
        }
        TOps.Store(c, c00); TOps.Store(c + w, c01); TOps.Store(c + 2 * w, c02); c += ldc;
        TOps.Store(c, c10); TOps.Store(c + w, c11); TOps.Store(c + 2 * w, c12); c += ldc;
        TOps.Store(c, c20); TOps.Store(c + w, c21); TOps.Store(c + 2 * w, c22); c += ldc;
        TOps.Store(c, c30); TOps.Store(c + w, c31); TOps.Store(c + 2 * w, c32);
    }

    /// <summary>Taps (columns) of the weight-gradient tile: 4x2 accumulators leave the JIT registers to spare.</summary>
    public const int DotTaps = 2;

    /// <summary>
    /// dst[r*ldd + j] += sum over rows, i &lt; len of g_r[row*gRowStride + i] * x[xOffsets[j] + row*xRowStride + i]:
    /// 4 rows of g against 2 shifted views of x, the reduction running along pixels (weight gradient).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dot(float* g0, float* g1, float* g2, float* g3, int gRowStride, float* x, int* xOffsets, int xRowStride,
                           int rows, int len, float* dst, int ldd)
    {
        int w = TOps.Count;
        int vectorEnd = len - len % w;
        TVector c00 = TOps.Zero, c01 = TOps.Zero, c10 = TOps.Zero, c11 = TOps.Zero;
        TVector c20 = TOps.Zero, c21 = TOps.Zero, c30 = TOps.Zero, c31 = TOps.Zero;
        float t00 = 0, t01 = 0, t10 = 0, t11 = 0, t20 = 0, t21 = 0, t30 = 0, t31 = 0;
        float* x0 = x + xOffsets[0], x1 = x + xOffsets[1];
        for (int row = 0; row < rows; row++)
        {
            int i = 0;
            for (; i < vectorEnd; i += w)
            {
                TVector v0 = TOps.Load(x0 + i), v1 = TOps.Load(x1 + i);
                TVector gv = TOps.Load(g0 + i);
                c00 = TOps.MultiplyAdd(gv, v0, c00); c01 = TOps.MultiplyAdd(gv, v1, c01);
                gv = TOps.Load(g1 + i);
                c10 = TOps.MultiplyAdd(gv, v0, c10); c11 = TOps.MultiplyAdd(gv, v1, c11);
                gv = TOps.Load(g2 + i);
                c20 = TOps.MultiplyAdd(gv, v0, c20); c21 = TOps.MultiplyAdd(gv, v1, c21);
                gv = TOps.Load(g3 + i);
                c30 = TOps.MultiplyAdd(gv, v0, c30); c31 = TOps.MultiplyAdd(gv, v1, c31);
            }
            for (; i < len; i++)
            {
                float a0 = x0[i], a1 = x1[i];
                t00 += g0[i] * a0; t01 += g0[i] * a1;
                t10 += g1[i] * a0; t11 += g1[i] * a1;
                t20 += g2[i] * a0; t21 += g2[i] * a1;
                t30 += g3[i] * a0; t31 += g3[i] * a1;
            }
            g0 += gRowStride; g1 += gRowStride; g2 += gRowStride; g3 += gRowStride;
            x0 += xRowStride; x1 += xRowStride;
        }
        dst[0] += TOps.Sum(c00) + t00; dst[1] += TOps.Sum(c01) + t01; dst += ldd;
        dst[0] += TOps.Sum(c10) + t10; dst[1] += TOps.Sum(c11) + t11; dst += ldd;
        dst[0] += TOps.Sum(c20) + t20; dst[1] += TOps.Sum(c21) + t21; dst += ldd;
        dst[0] += TOps.Sum(c30) + t30; dst[1] += TOps.Sum(c31) + t31;
    }
}
