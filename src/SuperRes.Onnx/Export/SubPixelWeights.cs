namespace SuperRes.Onnx.Export;

/// <summary>
/// A stride-s transposed convolution whose output is exactly s times its input (after its padding
/// and crop) rewritten as an ordinary convolution with s² outputs per channel, one per output phase,
/// followed by a pixel shuffle (DepthToSpace, CRD). Per axis, output o = s·m + a receives input
/// i = m + (a + p - k) / s through tap k for every k ≡ a + p (mod s); the convolution spans the
/// offsets (a + p - k) / s from their least to their greatest, zero where a phase has no tap.
/// A "same" convolution that follows such a layer can also run on the phases before the shuffle
/// (<see cref="PhaseConvWeights"/>), so the wide feature map is never shuffled.
/// </summary>
internal static class SubPixelWeights
{
    /// <summary>Whether the rewrite applies: the output is stride times the input on each axis.</summary>
    public static bool Applies(int kernel, int stride, int padding, int cropEnd, int outputPadding) =>
        stride > 1 && kernel - 2 * padding - cropEnd + outputPadding == stride;

    /// <summary>The least and greatest input offset any phase reads.</summary>
    public static (int Min, int Max) Offsets(int kernel, int stride, int padding)
    {
        int min = int.MaxValue, max = int.MinValue;
        for (int a = 0; a < stride; a++)
            for (int k = 0; k < kernel; k++)
                if ((a + padding - k) % stride == 0)
                {
                    int d = (a + padding - k) / stride;
                    min = Math.Min(min, d);
                    max = Math.Max(max, d);
                }
        return (min, max);
    }

    /// <summary>
    /// The convolution's weights [cout·s², cin, t, t] (t = max - min + 1; output channel c·s² + a·s + b
    /// is phase (a, b) of channel c) from the transposed convolution's [cin, cout, k, k].
    /// </summary>
    public static float[] Weights(float[] transposed, int inChannels, int outChannels, int kernel, int stride, int padding)
    {
        var (min, max) = Offsets(kernel, stride, padding);
        int taps = max - min + 1, phases = stride * stride;
        var w = new float[outChannels * phases * inChannels * taps * taps];
        for (int co = 0; co < outChannels; co++)
            for (int a = 0; a < stride; a++)
                for (int b = 0; b < stride; b++)
                    for (int ci = 0; ci < inChannels; ci++)
                        for (int ky = 0; ky < kernel; ky++)
                        {
                            if ((a + padding - ky) % stride != 0) continue;
                            int ty = (a + padding - ky) / stride - min;
                            for (int kx = 0; kx < kernel; kx++)
                            {
                                if ((b + padding - kx) % stride != 0) continue;
                                int tx = (b + padding - kx) / stride - min;
                                int target = (((co * phases + a * stride + b) * inChannels + ci) * taps + ty) * taps + tx;
                                w[target] = transposed[((ci * outChannels + co) * kernel + ky) * kernel + kx];
                            }
                        }
        return w;
    }

    /// <summary>The least and greatest phase-grid offset a "same" convolution (odd kernel k, padding (k-1)/2) reads at factor s.</summary>
    public static (int Min, int Max) PhaseOffsets(int kernel, int stride)
    {
        int p = (kernel - 1) / 2;
        return (FloorDiv(-p, stride), FloorDiv(stride - 1 + p, stride));
    }

    /// <summary>
    /// The weights [cout·s², cin·s², t, t] of a convolution on the phase grid (input channel
    /// c·s² + a'·s + b' is phase (a', b') of channel c, as <see cref="Weights"/> lays them out) that
    /// equals the "same" convolution [cout, cin, k, k] on the shuffled map, each output phase its own
    /// channel: output phase (a, b) tap dy reads phase (a + dy) mod s at grid offset floor((a + dy) / s).
    /// </summary>
    public static float[] PhaseConvWeights(float[] conv, int inChannels, int outChannels, int kernel, int stride)
    {
        int p = (kernel - 1) / 2, phases = stride * stride;
        var (min, max) = PhaseOffsets(kernel, stride);
        int taps = max - min + 1, cin = inChannels * phases;
        var w = new float[outChannels * phases * cin * taps * taps];
        for (int co = 0; co < outChannels; co++)
            for (int a = 0; a < stride; a++)
                for (int b = 0; b < stride; b++)
                    for (int ci = 0; ci < inChannels; ci++)
                        for (int dy = -p; dy <= p; dy++)
                            for (int dx = -p; dx <= p; dx++)
                            {
                                int qy = FloorDiv(a + dy, stride), qx = FloorDiv(b + dx, stride);
                                int ay = a + dy - qy * stride, bx = b + dx - qx * stride;
                                int target = (((co * phases + a * stride + b) * cin + ci * phases + ay * stride + bx) * taps + qy - min) * taps + qx - min;
                                w[target] = conv[((co * inChannels + ci) * kernel + dy + p) * kernel + dx + p];
                            }
        return w;
    }

    private static int FloorDiv(int a, int b) => (int)Math.Floor(a / (double)b);
}
