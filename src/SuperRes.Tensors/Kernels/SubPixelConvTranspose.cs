using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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
    /// <summary>
    /// One phase of a row parity: its conv output (null: no tap reaches it, bias only), where one
    /// image's planes start (ImageStride floats apart) and the columns it fills.
    /// </summary>
    private struct Phase
    {
        public float* Source;
        public long ImageStride;
        public int SourceHeight, SourceWidth, P0, P1;
    }

    private struct InterleaveJob
    {
        public float* Output, Bias;
        public Phase* Phases;
        public int Channels, Stride, OutHeight, OutWidth, Q0, Q1, OffsetY, PadLeft;
        public bool Leaky;
        public float Slope;
    }

    /// <summary>
    /// output [N, Co, g.InHeight, g.InWidth] = conv_transpose(input [N, Ci=g.OutChannels, g.OutHeight, g.OutWidth])
    /// with weight [Ci, Co, kh, kw] (PyTorch layout) plus bias [Co] (may be null); <paramref name="g"/> is the
    /// geometry of the conv whose input gradient this is (as <see cref="Ops.ConvTranspose2d(Tensor, Tensor, Tensor?, int, int, int)"/> builds it).
    /// Square kernels run as one conv over all phases (<see cref="ForwardCombined"/>); otherwise the
    /// phases of one output row parity are computed together and interleaved in one pass, so every
    /// output row is written once, front to back (not once per phase with a stride).
    /// </summary>
    public static void Forward(IConv2dKernel kernel, in Conv2dGeometry g, float* input, float* weight, float* bias, float* output,
        bool leaky = false, float slope = 0f)
    {
        if (g.StrideH != g.StrideW) throw new ArgumentException("sub-pixel transposed conv: equal strides only.");
        int s = g.StrideH, kh = g.KernelHeight, kw = g.KernelWidth;
        if (kh == kw && kh >= s && g.InHeight >= s && g.InWidth >= s) ForwardCombined(kernel, g, input, weight, bias, output, leaky, slope);
        else ForwardPerPhase(kernel, g, input, weight, bias, output, leaky, slope);
    }

    /// <summary>
    /// The kernel, extended with zero taps to a multiple of s (and the crop after it by as much, so
    /// the output is unchanged), gives every phase k/s x k/s taps and the same padding: the s x s phases
    /// are one conv with s*s*Co output channels, and the input is read (and, under Winograd,
    /// transformed) once, not s*s times.
    /// </summary>
    private static void ForwardCombined(IConv2dKernel kernel, in Conv2dGeometry original, float* input, float* weight, float* bias, float* output,
        bool leaky, float slope)
    {
        int s = original.StrideH, kh = original.KernelHeight, kw = original.KernelWidth, extra = (s - kh % s) % s;
        var g = original with
        {
            KernelHeight = kh + extra, KernelWidth = kw + extra,
            PadBottom = original.PadBottom + extra, PadRight = original.PadRight + extra,
        };
        int ci = g.OutChannels, co = g.InChannels;
        int h = g.OutHeight, w = g.OutWidth, oh = g.InHeight, ow = g.InWidth, j = g.KernelHeight / s, phases = s * s;
        // The padding after the input covers the last row (column) any phase needs.
        int pb = 0, pr = 0;
        for (int r = 0; r < s; r++)
        {
            pb = Math.Max(pb, FloorDiv(oh - 1 + g.PadTop - r, s) + 1 - h);
            pr = Math.Max(pr, FloorDiv(ow - 1 + g.PadLeft - r, s) + 1 - w);
        }
        var sub = new Conv2dGeometry(g.Batch, ci, h, w, phases * co, j, j, 1, 1, j - 1, j - 1, Math.Max(0, pb), Math.Max(0, pr));
        float* subWeight = NativeScratch.Get(NativeScratch.PhaseWeights, (long)phases * co * ci * j * j + phases * co);
        float* subBias = bias == null ? null : subWeight + (long)phases * co * ci * j * j;
        for (int ry = 0; ry < s; ry++)
        for (int rx = 0; rx < s; rx++)
        for (int o = 0; o < co; o++)
        {
            int channel = (ry * s + rx) * co + o;
            if (subBias != null) subBias[channel] = bias[o];
            for (int i = 0; i < ci; i++)
            for (int m = 0; m < j; m++)
            for (int n = 0; n < j; n++)
            {
                int ky = ry + s * (j - 1 - m), kx = rx + s * (j - 1 - n);
                subWeight[(((long)channel * ci + i) * j + m) * j + n] = ky < kh && kx < kw ? weight[((long)i * co + o) * kh * kw + ky * kw + kx] : 0f;
            }
        }
        if (kernel is ISubPixelConv2dKernel direct
            && direct.TryForwardSubPixel(sub, input, subWeight, subBias, new SubPixelTarget(output, co, oh, ow, s, g.PadTop, g.PadLeft), leaky, slope))
            return;
        long plane = (long)sub.OutHeight * sub.OutWidth;
        float* phaseOutputs = NativeScratch.Get(NativeScratch.PhaseOutput, sub.OutputLength);
        if (leaky && kernel is IFusedConv2dKernel fused) { fused.ForwardLeakyRelu(sub, input, subWeight, subBias, phaseOutputs, slope); leaky = false; }
        else kernel.Forward(sub, input, subWeight, subBias, phaseOutputs);

        var row = stackalloc Phase[s];
        for (int ry = 0; ry < s; ry++)
        {
            int q0 = CeilDiv(g.PadTop - ry, s), q1 = FloorDiv(oh - 1 + g.PadTop - ry, s);
            if (q1 < q0) continue;
            for (int rx = 0; rx < s; rx++)
            {
                ref var phase = ref row[rx];
                phase.P0 = CeilDiv(g.PadLeft - rx, s);
                phase.P1 = FloorDiv(ow - 1 + g.PadLeft - rx, s);
                phase.Source = phase.P1 < phase.P0 ? null : phaseOutputs + (ry * s + rx) * co * plane;
                phase.ImageStride = phases * co * plane;
                phase.SourceHeight = sub.OutHeight;
                phase.SourceWidth = sub.OutWidth;
            }
            Interleave(g, co, s, row, q0, q1, ry, bias, output, leaky, slope);
        }
    }

    private static void ForwardPerPhase(IConv2dKernel kernel, in Conv2dGeometry g, float* input, float* weight, float* bias, float* output,
        bool leaky, float slope)
    {
        int s = g.StrideH, ci = g.OutChannels, co = g.InChannels, kh = g.KernelHeight, kw = g.KernelWidth;
        int h = g.OutHeight, w = g.OutWidth, oh = g.InHeight, ow = g.InWidth;
        long phaseCapacity = (long)g.Batch * co * (h + s) * (w + s);
        float* phaseOutputs = NativeScratch.Get(NativeScratch.PhaseOutput, s * phaseCapacity);
        var phases = stackalloc Phase[s];
        for (int ry = 0; ry < s; ry++)
        {
            // Rows of this parity: oy = q*s + ry - padTop for q in [q0, q1].
            int q0 = CeilDiv(g.PadTop - ry, s), q1 = FloorDiv(oh - 1 + g.PadTop - ry, s);
            if (q1 < q0) continue;
            int jy = ry < kh ? (kh - ry + s - 1) / s : 0;
            for (int rx = 0; rx < s; rx++)
            {
                ref var phase = ref phases[rx];
                phase.P0 = CeilDiv(g.PadLeft - rx, s);
                phase.P1 = FloorDiv(ow - 1 + g.PadLeft - rx, s);
                phase.Source = null;
                int jx = rx < kw ? (kw - rx + s - 1) / s : 0;
                if (jy == 0 || jx == 0 || phase.P1 < phase.P0) continue; // no tap reaches this phase: bias only
                int pb = Math.Max(0, q1 + 1 - h), pr = Math.Max(0, phase.P1 + 1 - w);
                var sub = new Conv2dGeometry(g.Batch, ci, h, w, co, jy, jx, 1, 1, jy - 1, jx - 1, pb, pr);
                float* subWeight = NativeScratch.Get(NativeScratch.PhaseWeights, (long)co * ci * jy * jx);
                for (int o = 0; o < co; o++)
                for (int i = 0; i < ci; i++)
                for (int m = 0; m < jy; m++)
                for (int n = 0; n < jx; n++)
                    subWeight[((o * ci + i) * jy + m) * jx + n] =
                        weight[((long)i * co + o) * kh * kw + (ry + s * (jy - 1 - m)) * kw + rx + s * (jx - 1 - n)];
                phase.Source = phaseOutputs + rx * phaseCapacity;
                kernel.Forward(sub, input, subWeight, bias, phase.Source);
                phase.SourceHeight = sub.OutHeight;
                phase.SourceWidth = sub.OutWidth;
                phase.ImageStride = (long)co * sub.OutHeight * sub.OutWidth;
            }
            Interleave(g, co, s, phases, q0, q1, ry, bias, output, leaky, slope);
        }
    }

    private static void Interleave(in Conv2dGeometry g, int co, int s, Phase* phases, int q0, int q1, int ry, float* bias, float* output,
        bool leaky, float slope)
    {
        var job = new InterleaveJob
        {
            Output = output, Bias = bias, Phases = phases, Channels = co, Stride = s, OutHeight = g.InHeight, OutWidth = g.InWidth,
            Q0 = q0, Q1 = q1, OffsetY = ry - g.PadTop, PadLeft = g.PadLeft, Leaky = leaky, Slope = slope,
        };
        KernelWorkerPool.Run(g.Batch * co, &InterleaveItem, &job, (long)g.Batch * co * g.InHeight * g.InWidth >= 1 << 16);
    }

    /// <summary>Fills the rows of one parity of one (image, channel) plane from that parity's phases.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void InterleaveItem(void* state, int item, int thread)
    {
        var job = (InterleaveJob*)state;
        int s = job->Stride, ow = job->OutWidth, padLeft = job->PadLeft;
        bool leaky = job->Leaky;
        float slope = job->Slope;
        float biasValue = job->Bias == null ? 0f : job->Bias[item % job->Channels];
        if (leaky && biasValue < 0) biasValue *= slope;
        float* dst = job->Output + (long)item * job->OutHeight * ow;
        Phase* phases = job->Phases;
        bool pairs = s == 2 && phases[0].Source != null && phases[1].Source != null;
        float** sources = stackalloc float*[s];
        for (int q = job->Q0; q <= job->Q1; q++)
        {
            float* row = dst + (long)(q * s + job->OffsetY) * ow;
            for (int rx = 0; rx < s; rx++) sources[rx] = phases[rx].Source == null ? null : Row(ref phases[rx], item, job->Channels, q);
            int ox = 0;
            if (pairs)
            {
                // Two phases, both computed: zip a vector of each into two vectors of output pixels.
                float* a = sources[0], b = sources[1];
                if ((padLeft & 1) == 1) { row[0] = Activate(b[(padLeft - 1) / 2], leaky, slope); ox = 1; }
                if (Simd.Simd512.IsHardwareAccelerated) ox = Zip<Vector512<float>, Simd.Simd512>(a, b, row, ox, ow, padLeft, leaky, slope);
                else if (Simd.Simd256.IsHardwareAccelerated) ox = Zip<Vector256<float>, Simd.Simd256>(a, b, row, ox, ow, padLeft, leaky, slope);
                else ox = Zip<Vector128<float>, Simd.Simd128>(a, b, row, ox, ow, padLeft, leaky, slope);
            }
            for (; ox < ow; ox++)
            {
                int t = ox + padLeft, rx = t % s;
                row[ox] = sources[rx] == null ? biasValue : Activate(sources[rx][t / s], leaky, slope);
            }
        }
    }

    /// <summary>Two phases, both computed: zips w + w floats into 2w output pixels at a time; returns where it stopped.</summary>
    private static int Zip<TVector, TOps>(float* a, float* b, float* row, int ox, int ow, int padLeft, bool leaky, float slope)
        where TVector : struct where TOps : struct, Simd.ISimdWidth<TVector>
    {
        int w = TOps.Count;
        TVector slopes = TOps.Splat(slope);
        for (; ox + 2 * w <= ow; ox += 2 * w)
        {
            int p = (ox + padLeft) >> 1;
            TVector va = TOps.Load(a + p), vb = TOps.Load(b + p);
            if (leaky)
            {
                va = TOps.LeakyRelu(va, slopes);
                vb = TOps.LeakyRelu(vb, slopes);
            }
            TOps.StoreInterleaved(row + ox, va, vb);
        }
        return ox;
    }

    /// <summary>Row q of the phase plane of item = image * channels + channel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float* Row(ref Phase phase, int item, int channels, int q) =>
        phase.Source + (item / channels) * phase.ImageStride + ((long)(item % channels) * phase.SourceHeight + q) * phase.SourceWidth;

    private static float Activate(float v, bool leaky, float slope) => leaky && !(v > 0) ? v * slope : v;

    private static int FloorDiv(int a, int b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private static int CeilDiv(int a, int b) => -FloorDiv(-a, b);
}
