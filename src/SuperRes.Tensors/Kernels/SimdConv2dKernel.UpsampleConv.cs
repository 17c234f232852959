using System.Runtime.CompilerServices;

namespace SuperRes.Tensors.Kernels;

/// <summary>
/// <see cref="IUpsampleConvKernel"/>: each worker walks a band of output rows, keeping the input rows
/// the transposed conv reads (2, padded) and the upsampled feature rows the 3x3 conv reads (3, each
/// split into its even and odd columns) in its own scratch, all in L2. Row y of the upsampled
/// features takes input row y / 2 alone when y is odd, and rows y / 2 and y / 2 - 1 when y is even;
/// likewise for columns. So each of the four row/column parities is a dense product with 1, 2 or 4
/// taps per input channel (no multiplies by the zeros a stride-2 kernel would see), run by the
/// forward kernel's tile, its B rows found through offset tables into the padded input rows.
/// </summary>
internal sealed unsafe partial class SimdConv2dKernel<TVector, TOps> : IUpsampleConvKernel
{
    /// <summary>
    /// Taps of each parity: (input row 0 = y / 2 or 1 = the one above, column shift, ky, kx).
    /// Parities: 0 even row, even column; 1 even row, odd column; 2 odd row, even column; 3 odd row, odd column.
    /// </summary>
    private static readonly (int Row, int Shift, int Ky, int Kx)[][] UpsampleTaps =
    [
        [(0, 0, 0, 0), (0, -1, 0, 2), (1, 0, 2, 0), (1, -1, 2, 2)],
        [(0, 0, 0, 1), (1, 0, 2, 1)],
        [(0, 0, 1, 0), (0, -1, 1, 2)],
        [(0, 0, 1, 1)],
    ];

    private struct UpsampleJob
    {
        public int Ci, Cm, Co, H, W, Wv, P, CoBlocks, RowsPerItem, ItemsPerImage;
        public float* Input, UpBias, ConvWeight, ConvBias, Addend, Output, Features, Packed;
        public int* Offsets;
        public long PackedStride;
        public float Slope;
    }

    public void ForwardUpsampleConv(int batch, int inChannels, int midChannels, int outChannels, int height, int width,
        float* input, float* upWeight, float* upBias, float slope, float* convWeight, float* convBias, float* addend, float* output,
        float* features = null)
    {
        int tileWidth = TileWidth, ci = inChannels, cm = midChannels;
        int wv = (width + tileWidth - 1) / tileWidth * tileWidth;
        var job = new UpsampleJob
        {
            Ci = ci, Cm = cm, Co = outChannels, H = height, W = width, Wv = wv, P = wv + tileWidth,
            CoBlocks = (cm + Rows - 1) / Rows, Input = input, UpBias = upBias, ConvWeight = convWeight, ConvBias = convBias,
            Addend = addend, Output = output, Features = features, Slope = slope,
        };
        // Weights of each parity, [block of 4 channels][tap, input channel][4], as the tile reads them.
        job.PackedStride = (long)job.CoBlocks * 4 * ci * Rows;
        job.Packed = NativeScratch.Get(NativeScratch.UpsampleWeights, 4 * job.PackedStride);
        for (int p = 0; p < 4; p++)
        {
            var taps = UpsampleTaps[p];
            int k = taps.Length * ci;
            for (int cb = 0; cb < job.CoBlocks; cb++)
            for (int t = 0; t < taps.Length; t++)
            for (int c = 0; c < ci; c++)
            for (int r = 0; r < Rows; r++)
            {
                int o = cb * Rows + r;
                job.Packed[p * job.PackedStride + ((long)cb * k + t * ci + c) * Rows + r] =
                    o < cm ? upWeight[((long)c * cm + o) * 9 + taps[t].Ky * 3 + taps[t].Kx] : 0f;
            }
        }
        // Offsets from the padded input row y / 2: tables for even rows per parity of y / 2 (the row
        // above sits in the other half of a two-row ring), one table for odd rows.
        job.Offsets = (int*)NativeScratch.Get(NativeScratch.Offsets, 6L * 4 * ci);
        for (int table = 0; table < 6; table++)
        {
            int p = table < 4 ? table / 2 : table - 2, parity = table < 4 ? table % 2 : 0;
            int above = parity == 0 ? ci * job.P : -ci * job.P; // ring slot of row y/2 - 1, from that of row y/2
            var taps = UpsampleTaps[p];
            for (int t = 0; t < taps.Length; t++)
            for (int c = 0; c < ci; c++)
                job.Offsets[table * 4 * ci + t * ci + c] = (taps[t].Row == 1 ? above : 0) + c * job.P + taps[t].Shift;
        }
        int outHeight = 2 * height;
        int perThread = Math.Max(1, (outHeight + 4 * KernelWorkerPool.ThreadCount - 1) / (4 * KernelWorkerPool.ThreadCount));
        job.RowsPerItem = Math.Max(8, perThread);
        job.ItemsPerImage = (outHeight + job.RowsPerItem - 1) / job.RowsPerItem;
        double flops = 2.0 * batch * outHeight * 2 * width * cm * (2.25 * ci + 9 * outChannels);
        KernelWorkerPool.Run(batch * job.ItemsPerImage, &UpsampleItem, &job, flops >= ParallelFlops);
    }

    private static void UpsampleItem(void* state, int item, int thread)
    {
        var job = (UpsampleJob*)state;
        int n = item / job->ItemsPerImage, band = item % job->ItemsPerImage;
        int y0 = band * job->RowsPerItem, y1 = Math.Min(2 * job->H, y0 + job->RowsPerItem);
        long inputRing = 2L * job->Ci * job->P, featureRing = 6L * job->Cm * job->P;
        float* inputRows = NativeScratch.Get(NativeScratch.UpsampleInput, inputRing);
        float* features = NativeScratch.Get(NativeScratch.UpsampleFeatures, featureRing);
        float* scratch = NativeScratch.Get(NativeScratch.UpsampleRow, Rows * TileWidth + 2L * job->P);
        // Zero padding: column -1 and the columns past the width stay zero in both rings.
        new Span<float>(inputRows, (int)inputRing).Clear();
        new Span<float>(features, (int)featureRing).Clear();
        int loaded = int.MinValue;
        UpsampleFeatureRow(job, n, y0 - 1, inputRows, features, scratch, ref loaded);
        UpsampleFeatureRow(job, n, y0, inputRows, features, scratch, ref loaded);
        for (int y = y0; y < y1; y++)
        {
            UpsampleFeatureRow(job, n, y + 1, inputRows, features, scratch, ref loaded);
            UpsampleOutputRow(job, n, y, features, scratch);
            if (job->Features != null) StoreFeatureRow(job, n, y, features); // this item's rows only: items share their edge rows
        }
    }

    /// <summary>Upsampled features of row <paramref name="y"/> (zero outside the image) into its ring slot, even and odd columns apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void UpsampleFeatureRow(UpsampleJob* job, int n, int y, float* inputRows, float* features, float* tile, ref int loaded)
    {
        int cm = job->Cm, ci = job->Ci, p = job->P, w = TOps.Count, tileWidth = TileWidth;
        float* slot = features + (long)FeatureSlot(y) * 2 * cm * p;
        if (y < 0 || y >= 2 * job->H)
        {
            new Span<float>(slot, 2 * cm * p).Clear();
            return;
        }
        int i = y >> 1;
        if (loaded != i)
        {
            if (loaded != i - 1) LoadUpsampleInputRow(job, n, i - 1, inputRows);
            LoadUpsampleInputRow(job, n, i, inputRows);
            loaded = i;
        }
        float* row = inputRows + (long)(i & 1) * ci * p + 1; // column 0 of input row i
        TVector slope = TOps.Splat(job->Slope);
        for (int column = 0; column < 2; column++)
        {
            int parity = 2 * (y & 1) + column;
            int k = UpsampleTaps[parity].Length * ci;
            int* offsets = job->Offsets + (parity < 2 ? 2 * parity + (i & 1) : parity + 2) * 4 * ci;
            float* packed = job->Packed + parity * job->PackedStride;
            for (int j0 = 0; j0 < job->W; j0 += tileWidth)
            {
                int count = Math.Min(tileWidth, job->W - j0), vectors = count / w * w;
                for (int cb = 0; cb < job->CoBlocks; cb++)
                {
                    ConvMicroKernels<TVector, TOps>.Tile(packed + (long)cb * k * Rows, row + j0, offsets, k, tile, tileWidth);
                    for (int r = 0; r < Rows && cb * Rows + r < cm; r++)
                    {
                        int c = cb * Rows + r;
                        float bias = job->UpBias == null ? 0f : job->UpBias[c];
                        float* source = tile + r * tileWidth;
                        float* target = slot + ((long)column * cm + c) * p + 1 + j0;
                        TVector b = TOps.Splat(bias);
                        int x = 0;
                        for (; x < vectors; x += w) TOps.Store(target + x, TOps.LeakyRelu(TOps.Add(TOps.Load(source + x), b), slope));
                        for (; x < count; x++)
                        {
                            float v = source[x] + bias;
                            target[x] = v > 0 ? v : v * job->Slope;
                        }
                    }
                }
            }
        }
    }

    /// <summary>Input row <paramref name="i"/> of every channel into its ring slot (zero outside the image), after column -1.</summary>
    private static void LoadUpsampleInputRow(UpsampleJob* job, int n, int i, float* inputRows)
    {
        int ci = job->Ci, p = job->P, width = job->W;
        float* slot = inputRows + (long)(i & 1) * ci * p;
        for (int c = 0; c < ci; c++)
        {
            float* target = slot + (long)c * p + 1;
            if (i < 0 || i >= job->H) FloatRuns.Zero(target, width);
            else FloatRuns.Copy(job->Input + (((long)n * ci + c) * job->H + i) * width, target, width);
        }
    }

    /// <summary>Output row <paramref name="y"/>: the 3x3 conv over feature rows y - 1 .. y + 1, its bias and the addend.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void UpsampleOutputRow(UpsampleJob* job, int n, int y, float* features, float* scratch)
    {
        int cm = job->Cm, p = job->P, w = TOps.Count, width = job->W, outWidth = 2 * width;
        long slotSize = 2L * cm * p;
        float* rows0 = features + FeatureSlot(y - 1) * slotSize + 1;
        float* rows1 = features + FeatureSlot(y) * slotSize + 1;
        float* rows2 = features + FeatureSlot(y + 1) * slotSize + 1;
        float* interleaved = scratch + Rows * TileWidth;
        for (int c = 0; c < job->Co; c++)
        {
            float* weights = job->ConvWeight + (long)c * cm * 9;
            for (int j = 0; j < width; j += w)
            {
                TVector even = TOps.Zero, odd = TOps.Zero;
                for (int m = 0; m < cm; m++)
                {
                    float* k = weights + m * 9;
                    long e = (long)m * p + j, o = (long)(cm + m) * p + j; // even and odd columns of channel m
                    even = UpsampleTap(rows0 + e, rows0 + o, k, even, ref odd);
                    even = UpsampleTap(rows1 + e, rows1 + o, k + 3, even, ref odd);
                    even = UpsampleTap(rows2 + e, rows2 + o, k + 6, even, ref odd);
                }
                TOps.StoreInterleaved(interleaved + 2 * j, even, odd);
            }
            float bias = job->ConvBias == null ? 0f : job->ConvBias[c];
            long at = (((long)n * job->Co + c) * 2 * job->H + y) * outWidth;
            float* target = job->Output + at, add = job->Addend + at;
            TVector b = TOps.Splat(bias);
            int x = 0;
            for (; x + w <= outWidth; x += w)
                TOps.Store(target + x, TOps.Add(TOps.Load(add + x), TOps.Add(TOps.Load(interleaved + x), b)));
            for (; x < outWidth; x++) target[x] = add[x] + (interleaved[x] + bias);
        }
    }

    /// <summary>
    /// One kernel row k[0..2] over one feature row: output column 2j reads columns 2j - 1 (odd j - 1),
    /// 2j (even j) and 2j + 1 (odd j); output column 2j + 1 reads 2j, 2j + 1 and 2j + 2 (even j + 1).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector UpsampleTap(float* evenColumns, float* oddColumns, float* k, TVector even, ref TVector odd)
    {
        TVector k0 = TOps.Splat(k[0]), k1 = TOps.Splat(k[1]), k2 = TOps.Splat(k[2]);
        TVector e = TOps.Load(evenColumns), o = TOps.Load(oddColumns);
        even = TOps.MultiplyAdd(k0, TOps.Load(oddColumns - 1), TOps.MultiplyAdd(k1, e, TOps.MultiplyAdd(k2, o, even)));
        odd = TOps.MultiplyAdd(k0, e, TOps.MultiplyAdd(k1, o, TOps.MultiplyAdd(k2, TOps.Load(evenColumns + 1), odd)));
        return even;
    }

    /// <summary>Feature row <paramref name="y"/> of every channel, its even and odd columns interleaved again, into the features tensor.</summary>
    private static void StoreFeatureRow(UpsampleJob* job, int n, int y, float* features)
    {
        int cm = job->Cm, p = job->P, w = TOps.Count, width = job->W, outWidth = 2 * width;
        float* slot = features + (long)FeatureSlot(y) * 2 * cm * p + 1;
        for (int c = 0; c < cm; c++)
        {
            float* even = slot + (long)c * p, odd = slot + (long)(cm + c) * p;
            float* target = job->Features + (((long)n * cm + c) * 2 * job->H + y) * outWidth;
            int j = 0;
            for (; 2 * (j + w) <= outWidth; j += w) TOps.StoreInterleaved(target + 2 * j, TOps.Load(even + j), TOps.Load(odd + j));
            for (; j < width; j++) (target[2 * j], target[2 * j + 1]) = (even[j], odd[j]);
        }
    }

    /// <summary>Ring slot (0-2) of feature row <paramref name="y"/>, for y from -1.</summary>
    private static int FeatureSlot(int y) => (y + 3) % 3;
}
