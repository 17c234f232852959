using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SuperRes.Tensors.Kernels;

/// <summary>
/// The F(4x4, 3x3) weight transform as every forward pass runs it: eight (input channel, output row)
/// lanes at a time in double vectors, the blocks of four output channels spread over the workers.
/// The same operations in the same order as <see cref="TransformWeights4"/>, which stays as the plain
/// reference, so U is the same bit for bit (for NaN weights, U is NaN on both, payload and sign aside).
/// The scalar one took a tenth of an RRDBNet pass: about 60 double divisions per kernel, on one thread.
/// </summary>
internal sealed unsafe partial class SimdConv2dKernel<TVector, TOps>
{
    private struct WeightJob4
    {
        public Conv2dGeometry G;
        public float* Weight, U;
        public int CoBlocks;
    }

    /// <summary>U of <see cref="TransformWeights4"/>, in vectors and on every worker.</summary>
    internal static void TransformWeights4Vector(in Conv2dGeometry g, float* weight, float* u, int coBlocks)
    {
        var job = new WeightJob4 { G = g, Weight = weight, U = u, CoBlocks = coBlocks };
        // A fork costs a few microseconds; a block of 4 x 16 kernels takes about as long.
        KernelWorkerPool.Run(coBlocks, &WeightBlock4, &job, parallel: coBlocks > 1 && (long)coBlocks * g.InChannels >= 64);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static void WeightBlock4(void* state, int cb, int thread)
    {
        var job = (WeightJob4*)state;
        int cin = job->G.InChannels, cout = job->G.OutChannels, lanes = cin * Rows, coBlocks = job->CoBlocks;
        double* k = stackalloc double[9 * 8];
        float* last = stackalloc float[8];
        Vector512<double>* t = stackalloc Vector512<double>[18];
        for (int f0 = 0; f0 < lanes; f0 += 8)
        {
            int count = Math.Min(8, lanes - f0);
            for (int l = 0; l < 8; l++) // lane l: input channel f / Rows of output channel cb * Rows + f % Rows
            {
                int f = f0 + l, ci = f / Rows, co = cb * Rows + f % Rows;
                bool real = l < count && co < cout;
                float* src = job->Weight + ((long)co * cin + ci) * 9;
                for (int i = 0; i < 9; i++) k[i * 8 + l] = real ? src[i] : 0;
            }
            for (int c = 0; c < 3; c++) // t = G g (6x3)
                Column(Vector512.Load(k + c * 8), Vector512.Load(k + (3 + c) * 8), Vector512.Load(k + (6 + c) * 8),
                    out t[c], out t[3 + c], out t[6 + c], out t[9 + c], out t[12 + c], out t[15 + c]);
            float* row = job->U + (long)cb * lanes + f0;
            long xiStride = (long)coBlocks * lanes;
            for (int r = 0; r < 6; r++) // (G g) G^T (6x6): row r gives U[6r .. 6r + 5]
            {
                Column(t[r * 3], t[r * 3 + 1], t[r * 3 + 2], out var v0, out var v1, out var v2, out var v3, out var v4, out var v5);
                Store(v0, row + (6 * r) * xiStride, count, last);
                Store(v1, row + (6 * r + 1) * xiStride, count, last);
                Store(v2, row + (6 * r + 2) * xiStride, count, last);
                Store(v3, row + (6 * r + 3) * xiStride, count, last);
                Store(v4, row + (6 * r + 4) * xiStride, count, last);
                Store(v5, row + (6 * r + 5) * xiStride, count, last);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void Column(Vector512<double> g0, Vector512<double> g1, Vector512<double> g2, out Vector512<double> d0, out Vector512<double> d1,
            out Vector512<double> d2, out Vector512<double> d3, out Vector512<double> d4, out Vector512<double> d5)
        {
            Vector512<double> four = Vector512.Create(4.0), six = Vector512.Create(6.0), twelve = Vector512.Create(12.0), twentyFour = Vector512.Create(24.0);
            d0 = g0 / four;
            d1 = -(g0 + g1 + g2) / six;
            d2 = -(g0 - g1 + g2) / six;
            d3 = g0 / twentyFour + g1 / twelve + g2 / six;
            d4 = g0 / twentyFour - g1 / twelve + g2 / six;
            d5 = g2;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void Store(Vector512<double> v, float* dst, int count, float* last)
        {
            var narrow = Vector512.Narrow(v, Vector512<double>.Zero).GetLower();
            if (count == 8)
            {
                narrow.Store(dst);
                return;
            }
            narrow.Store(last);
            for (int i = 0; i < count; i++) dst[i] = last[i];
        }
    }
}
