using System.Numerics.Tensors;

namespace SuperRes.Tensors.Kernels;

internal sealed unsafe partial class SimdConv2dKernel<TVector, TOps>
{
    private const int Taps = ConvMicroKernels<TVector, TOps>.DotTaps;

    /// <summary>
    /// The weight gradient is summed in this many partial sums, each over a fixed contiguous run of
    /// work items, then added in slot order: which thread runs a slot does not matter, so the
    /// result is bitwise the same from run to run and for any thread count up to this one.
    /// </summary>
    internal const int ReductionSlots = 16;

    private struct WeightJob
    {
        public Conv2dGeometry G;
        public float* Source, GradOutput, Partials;
        public int* Offsets;
        public long SourceImageStride;
        public int K, PaddedK, PaddedCout, RowWidth, RowsPerItem, ItemsPerImage, ColumnStride, Items, Slots;
        public bool Im2Col;
    }

    public void BackwardWeight(in Conv2dGeometry g, float* input, float* gradOutput, float* gradWeight, float* gradBias)
    {
        Conv2dChecks.Validate(g, input, gradOutput, gradWeight);
        int k = g.InChannels * g.KernelHeight * g.KernelWidth;
        int paddedK = (k + Taps - 1) / Taps * Taps, paddedCout = (g.OutChannels + Rows - 1) / Rows * Rows;
        int slotsWanted = Math.Max(ReductionSlots, KernelWorkerPool.ThreadCount);
        long partialSize = (long)paddedCout * paddedK;
        int* offsets = (int*)NativeScratch.Get(NativeScratch.Offsets, paddedK);
        bool parallel = g.ForwardFlops >= ParallelFlops;
        int oh = g.OutHeight, ow = g.OutWidth;

        var job = new WeightJob
        {
            G = g, GradOutput = gradOutput, Offsets = offsets, K = k, PaddedK = paddedK,
            PaddedCout = paddedCout, Im2Col = g.StrideH != 1 || g.StrideW != 1,
        };
        if (!job.Im2Col)
        {
            // Reduce over whole output rows: about 1024 pixels an item, at least one item a slot
            // (fixed by the geometry alone, so the summation order does not depend on the threads).
            job.Source = PadInput(g, input, parallel, out int plane, out job.SourceImageStride);
            job.RowWidth = g.InWidth + g.PadLeft + g.PadRight;
            FillDirectOffsets(g, plane, job.RowWidth, offsets, k);
            int rows = Math.Clamp(1024 / ow, 1, oh);
            while (rows > 1 && (long)g.Batch * ((oh + rows - 1) / rows) < slotsWanted) rows /= 2;
            job.RowsPerItem = rows;
            job.ItemsPerImage = (oh + rows - 1) / rows;
        }
        else
        {
            job.Source = input;
            job.SourceImageStride = (long)g.InChannels * g.InHeight * g.InWidth;
            int length = oh * ow;
            job.ColumnStride = Math.Clamp(65536 / k, 1, length);
            job.ItemsPerImage = (length + job.ColumnStride - 1) / job.ColumnStride;
            for (int i = 0; i < k; i++) offsets[i] = i * job.ColumnStride;
        }
        for (int i = k; i < paddedK; i++) offsets[i] = 0;
        job.Items = g.Batch * job.ItemsPerImage;
        int slots = job.Slots = Math.Min(slotsWanted, job.Items);
        float* partials = job.Partials = NativeScratch.Get(NativeScratch.Partials, slots * partialSize);
        new Span<float>(partials, checked((int)(slots * partialSize))).Clear();
        KernelWorkerPool.Run(slots, &WeightSlot, &job, parallel);

        for (int co = 0; co < g.OutChannels; co++)
        {
            float* dst = gradWeight + (long)co * k;
            new ReadOnlySpan<float>(partials + co * paddedK, k).CopyTo(new Span<float>(dst, k));
            for (int t = 1; t < slots; t++)
                TensorPrimitives.Add(new ReadOnlySpan<float>(dst, k),
                    new ReadOnlySpan<float>(partials + t * partialSize + co * paddedK, k), new Span<float>(dst, k));
        }
        if (gradBias != null) BiasGradient(g, gradOutput, gradBias);
    }

    private static void BiasGradient(in Conv2dGeometry g, float* gradOutput, float* gradBias)
    {
        int length = g.OutHeight * g.OutWidth;
        for (int co = 0; co < g.OutChannels; co++)
        {
            double sum = 0;
            for (int n = 0; n < g.Batch; n++)
                sum += TensorPrimitives.Sum(new ReadOnlySpan<float>(gradOutput + ((long)n * g.OutChannels + co) * length, length));
            gradBias[co] = (float)sum;
        }
    }

    /// <summary>One reduction slot: its contiguous run of items, in order, into its own partial sum.</summary>
    private static void WeightSlot(void* state, int slot, int thread)
    {
        var job = (WeightJob*)state;
        int first = (int)((long)job->Items * slot / job->Slots), end = (int)((long)job->Items * (slot + 1) / job->Slots);
        float* partial = job->Partials + slot * (long)job->PaddedCout * job->PaddedK;
        for (int item = first; item < end; item++) WeightItem(job, item, partial);
    }

    private static void WeightItem(WeightJob* job, int item, float* partial)
    {
        ref readonly var g = ref job->G;
        int n = item / job->ItemsPerImage, chunk = item % job->ItemsPerImage;
        int cout = g.OutChannels, length = g.OutHeight * g.OutWidth;
        float* grad = job->GradOutput + (long)n * cout * length;
        float* x;
        int rows, len, gradRowStride, xRowStride;
        if (job->Im2Col)
        {
            int q0 = chunk * job->ColumnStride, q1 = Math.Min(length, q0 + job->ColumnStride);
            float* columns = NativeScratch.Get(NativeScratch.WorkerColumns, (long)job->K * job->ColumnStride);
            Im2Col.Fill(g, job->Source + n * job->SourceImageStride, q0, q1, columns, job->ColumnStride);
            x = columns;
            grad += q0;
            rows = 1;
            len = q1 - q0;
            gradRowStride = xRowStride = 0;
        }
        else
        {
            int oy0 = chunk * job->RowsPerItem;
            rows = Math.Min(job->RowsPerItem, g.OutHeight - oy0);
            len = g.OutWidth;
            gradRowStride = g.OutWidth;
            xRowStride = job->RowWidth;
            grad += (long)oy0 * g.OutWidth;
            x = job->Source + n * job->SourceImageStride + (long)oy0 * job->RowWidth;
        }
        for (int co0 = 0; co0 < cout; co0 += Rows)
        {
            float* g0 = grad + (long)co0 * length;
            float* g1 = grad + (long)Math.Min(co0 + 1, cout - 1) * length;
            float* g2 = grad + (long)Math.Min(co0 + 2, cout - 1) * length;
            float* g3 = grad + (long)Math.Min(co0 + 3, cout - 1) * length;
            for (int k0 = 0; k0 < job->PaddedK; k0 += Taps)
                ConvMicroKernels<TVector, TOps>.Dot(g0, g1, g2, g3, gradRowStride, x, job->Offsets + k0, xRowStride,
                    rows, len, partial + (long)co0 * job->PaddedK + k0, job->PaddedK);
        }
    }
}
