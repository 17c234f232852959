namespace SuperRes.Tensors.Kernels;

/// <summary>
/// A strided transposed convolution as stride x stride stride-1 convolutions ("sub-pixel"): output
/// pixels of one phase (oy + padTop) mod s, (ox + padLeft) mod s see only the kernel taps of that
/// phase, so each phase is a dense conv of the input with a small sub-kernel, run by the fast
/// forward kernel, and its result is interleaved into the output. No multiply by an inserted zero,
/// no col2im scatter; a leaky ReLU may be applied on the way. The reference is <see cref="IConv2dKernel.BackwardInput"/> of the same geometry.
/// </summary>
internal static unsafe class SubPixelConvTranspose
{
    private struct InterleaveJob
    {
        public float* Source, Output, Bias;
        public int Channels;
        public bool Leaky;
        public float Slope;
        public int SourceHeight, SourceWidth, OutHeight, OutWidth, Q0, Q1, P0, P1, OffsetY, OffsetX, Stride;
    }

    /// <summary>
    /// output [N, Co, g.InHeight, g.InWidth] = conv_transpose(input [N, Ci=g.OutChannels, g.OutHeight, g.OutWidth])
    /// with weight [Ci, Co, kh, kw] (PyTorch layout) plus bias [Co] (may be null); <paramref name="g"/> is the
    /// geometry of the conv whose input gradient this is (as <see cref="Ops.ConvTranspose2d(Tensor, Tensor, Tensor?, int, int, int)"/> builds it).
    /// </summary>
    public static void Forward(IConv2dKernel kernel, in Conv2dGeometry g, float* input, float* weight, float* bias, float* output,
        bool leaky = false, float slope = 0f)
    {
        if (g.StrideH != g.StrideW) throw new ArgumentException("sub-pixel transposed conv: equal strides only.");
        int s = g.StrideH, ci = g.OutChannels, co = g.InChannels, kh = g.KernelHeight, kw = g.KernelWidth;
        int h = g.OutHeight, w = g.OutWidth, oh = g.InHeight, ow = g.InWidth;
        for (int ry = 0; ry < s; ry++)
        for (int rx = 0; rx < s; rx++)
        {
            // Rows of this phase: oy = q*s + ry - padTop for q in [q0, q1].
            int q0 = CeilDiv(g.PadTop - ry, s), q1 = FloorDiv(oh - 1 + g.PadTop - ry, s);
            int p0 = CeilDiv(g.PadLeft - rx, s), p1 = FloorDiv(ow - 1 + g.PadLeft - rx, s);
            if (q1 < q0 || p1 < p0) continue;
            int jy = ry < kh ? (kh - ry + s - 1) / s : 0, jx = rx < kw ? (kw - rx + s - 1) / s : 0;
            var job = new InterleaveJob
            {
                Output = output, Bias = bias, Channels = co, Leaky = leaky, Slope = slope, OutHeight = oh, OutWidth = ow, Q0 = q0, Q1 = q1, P0 = p0, P1 = p1,
                OffsetY = ry - g.PadTop, OffsetX = rx - g.PadLeft, Stride = s,
            };
            if (jy == 0 || jx == 0)
            {
                job.Source = null; // no tap reaches this phase: bias only
            }
            else
            {
                int pb = Math.Max(0, q1 + 1 - h), pr = Math.Max(0, p1 + 1 - w);
                var sub = new Conv2dGeometry(g.Batch, ci, h, w, co, jy, jx, 1, 1, jy - 1, jx - 1, pb, pr);
                float* subWeight = NativeScratch.Get(NativeScratch.PhaseWeights, (long)co * ci * jy * jx);
                for (int o = 0; o < co; o++)
                for (int i = 0; i < ci; i++)
                for (int m = 0; m < jy; m++)
                for (int n = 0; n < jx; n++)
                    subWeight[((o * ci + i) * jy + m) * jx + n] =
                        weight[((long)i * co + o) * kh * kw + (ry + s * (jy - 1 - m)) * kw + rx + s * (jx - 1 - n)];
                float* phase = NativeScratch.Get(NativeScratch.PhaseOutput, (long)g.Batch * co * sub.OutHeight * sub.OutWidth);
                kernel.Forward(sub, input, subWeight, bias, phase);
                job.Source = phase;
                job.SourceHeight = sub.OutHeight;
                job.SourceWidth = sub.OutWidth;
            }
            KernelWorkerPool.Run(g.Batch * co, &InterleaveItem, &job, (long)g.Batch * co * oh * ow >= 1 << 16);
        }
    }

    private static void InterleaveItem(void* state, int item, int thread)
    {
        var job = (InterleaveJob*)state;
        int s = job->Stride, ow = job->OutWidth;
        float* dst = job->Output + (long)item * job->OutHeight * ow;
        float* src = job->Source == null ? null : job->Source + (long)item * job->SourceHeight * job->SourceWidth;
        for (int q = job->Q0; q <= job->Q1; q++)
        {
            float* row = dst + (long)(q * s + job->OffsetY) * ow + job->OffsetX;
            if (src == null)
            {
                float value = job->Bias == null ? 0f : job->Bias[item % job->Channels];
                if (job->Leaky && value < 0) value *= job->Slope;
                for (int p = job->P0; p <= job->P1; p++) row[p * s] = value;
                continue;
            }
            float* from = src + (long)q * job->SourceWidth;
            if (job->Leaky)
            {
                float slope = job->Slope;
                for (int p = job->P0; p <= job->P1; p++) row[p * s] = from[p] > 0 ? from[p] : from[p] * slope;
            }
            else
            {
                for (int p = job->P0; p <= job->P1; p++) row[p * s] = from[p];
            }
        }
    }

    private static int FloorDiv(int a, int b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private static int CeilDiv(int a, int b) => -FloorDiv(-a, b);
}
