namespace SuperRes.Models.Fgdl;

/// <summary>
/// The dynamic anchor areas of a batch, one per pixel and channel: predicted bin b = argmax, radius r,
/// and the interval [lo, hi] = [(b - r)/K, (b + r + 1)/K] clipped to [0, 1]. Computed without
/// gradient from the logits (docs/FGDL.md, steps 3-5).
/// </summary>
public sealed class AnchorAreas
{
    private AnchorAreas(int count)
    {
        Lo = new float[count];
        Hi = new float[count];
        PredictedBin = new int[count];
        Radius = new int[count];
    }

    public float[] Lo { get; }
    public float[] Hi { get; }
    public int[] PredictedBin { get; }
    public int[] Radius { get; }

    /// <summary>b* = min(floor(y K), K - 1), with y clipped to [0, 1].</summary>
    public static int TruthBin(float y, int bins)
    {
        if (!(y > 0)) return 0;
        return Math.Min((int)Math.Floor((double)y * bins), bins - 1);
    }

    /// <summary>Class-Module: the smallest r ≤ rMax whose bins b-r..b+r hold at least tau of the probability (rMax if none).</summary>
    public static int ClassModuleRadius(ReadOnlySpan<double> probabilities, int bin, double tau, int maxRadius)
    {
        var mass = probabilities[bin];
        for (var r = 0; r < maxRadius; r++)
        {
            if (mass >= tau) return r;
            var left = bin - r - 1;
            var right = bin + r + 1;
            if (left >= 0) mass += probabilities[left];
            if (right < probabilities.Length) mass += probabilities[right];
        }
        return maxRadius;
    }

    /// <summary>
    /// Areas for logits laid out [n, c*K, h, w] (channel c's K logits contiguous in channel order).
    /// <paramref name="targets"/> ([n, c, h, w], or null at inference) widen each area to hold the truth.
    /// </summary>
    public static AnchorAreas Compute(ReadOnlySpan<float> logits, int groups, int pixels, FgdlOptions options, ReadOnlySpan<float> targets = default)
    {
        var bins = options.Bins;
        if (logits.Length != (long)groups * bins * pixels)
            throw new ArgumentException($"{logits.Length} logits do not make {groups} groups of {bins} bins x {pixels} pixels.");
        var training = !targets.IsEmpty;
        if (training && targets.Length != groups * pixels)
            throw new ArgumentException($"{targets.Length} targets for {groups * pixels} pixels.");
        var result = new AnchorAreas(groups * pixels);
        Span<double> p = stackalloc double[bins];
        for (var g = 0; g < groups; g++)
            for (var i = 0; i < pixels; i++)
            {
                var baseIndex = g * bins * pixels + i;
                var b = 0;
                var max = double.NegativeInfinity;
                for (var k = 0; k < bins; k++)
                {
                    p[k] = logits[baseIndex + k * pixels];
                    if (p[k] > max) { max = p[k]; b = k; }
                }
                int r;
                if (options.Variant == FgdlVariant.FixedRadius) r = options.FixedRadius;
                else
                {
                    double sum = 0;
                    for (var k = 0; k < bins; k++) sum += p[k] = Math.Exp(p[k] - max);
                    for (var k = 0; k < bins; k++) p[k] /= sum;
                    r = ClassModuleRadius(p, b, options.Tau, options.MaxRadius);
                }
                var o = g * pixels + i;
                if (training && options.WidenToTruth) r = Math.Max(r, Math.Abs(b - TruthBin(targets[o], bins)));
                result.PredictedBin[o] = b;
                result.Radius[o] = r;
                result.Lo[o] = (float)Math.Max(0.0, (double)(b - r) / bins);
                result.Hi[o] = (float)Math.Min(1.0, (double)(b + r + 1) / bins);
            }
        return result;
    }
}
