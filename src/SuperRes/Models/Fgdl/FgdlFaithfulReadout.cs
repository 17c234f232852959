using SuperRes.Tensors;

namespace SuperRes.Models.Fgdl;

/// <summary>
/// The faithful FGDL reading of one level (docs/FGDL.md, "The faithful reading"): with w = 1/K and
/// bin centres c_k = (k + 1/2) w,
/// z_k = a_k - (u - c_k)^2 / (2 w^2) (a the 3x3 conv of the features, u the upsampled image),
/// b = argmax z, r = max(1, argmax q) (q the Class-Module's softmax; or the tau rule),
/// A = {k : |k - b| &lt;= r}, y_hat = sum_A p_k c_k / sum_A p_k with p = softmax(z). The softmax's
/// normaliser cancels in y_hat, so it is computed as sum_A e_k c_k / sum_A e_k with
/// e_k = exp(z_k - z_b) (e_b = 1, so the denominator is at least 1). Gradient flows to a and u
/// through z; b, r and A are constants of the step.
/// </summary>
public static class FgdlFaithfulReadout
{
    /// <summary>c_k = (k + 1/2) / K.</summary>
    public static double Centre(int bin, int bins) => (bin + 0.5) / bins;

    /// <param name="binConv">a, [n, C*K, h, w] (channel c's K logits contiguous).</param>
    /// <param name="upsampled">u, [n, C, h, w].</param>
    /// <param name="radiusConv">The Class-Module's logits [n, C*(R+1), h, w], or null for the tau rule.</param>
    /// <param name="options">Bins K, largest radius R, radius rule.</param>
    public static FgdlFaithfulLevel Read(Tensor binConv, Tensor upsampled, Tensor? radiusConv, FgdlOptions options)
    {
        ArgumentNullException.ThrowIfNull(binConv);
        ArgumentNullException.ThrowIfNull(upsampled);
        ArgumentNullException.ThrowIfNull(options);
        if (upsampled.Rank != 4) throw new ArgumentException($"fgdl-faithful: expected an NCHW image, got {upsampled.ShapeString}.");
        int n = upsampled.Size(0), c = upsampled.Size(1), h = upsampled.Size(2), w = upsampled.Size(3);
        int bins = options.Bins, radii = options.MaxRadius + 1, groups = n * c, pixels = h * w;
        Require(binConv, n, c * bins, h, w, "bin logits");
        if (options.LearnedRadius != radiusConv is not null)
            throw new ArgumentException("fgdl-faithful: a learned radius needs the Class-Module's logits, the tau rule none.");
        if (radiusConv is not null) Require(radiusConv, n, c * radii, h, w, "Class-Module logits");

        Tensor centres;
        using (Tape.NoGrad())
        {
            var values = new float[bins];
            for (var k = 0; k < bins; k++) values[k] = (float)Centre(k, bins);
            centres = Tensor.FromArray(values, 1, bins, 1);
        }
        var width = 1.0 / bins;
        var distance = Ops.Sub(Ops.Reshape(upsampled, groups, 1, pixels), centres);
        var z = Ops.Sub(Ops.Reshape(binConv, groups, bins, pixels), Ops.MulScalar(Ops.Square(distance), (float)(1 / (2 * width * width))));
        var q = radiusConv is null ? null : Ops.Reshape(radiusConv, groups, radii, pixels);

        var (chosen, radius, mask) = Areas(z.AsSpan(), q is null ? default : q.AsSpan(), groups, pixels, options);
        Tensor maskTensor;
        using (Tape.NoGrad()) maskTensor = Tensor.FromArray(mask, groups, bins, pixels);
        var e = Ops.Mul(Ops.Exp(Ops.Sub(z, Ops.MaxNoGrad(z, 1))), maskTensor);
        var numerator = Ops.Sum(Ops.Mul(e, centres), [1], keepDim: true);
        var denominator = Ops.Sum(e, [1], keepDim: true);
        var image = Ops.Reshape(Ops.Div(numerator, denominator), n, c, h, w);
        return new FgdlFaithfulLevel(z, q, image, chosen, radius, upsampled);
    }

    /// <summary>b, r and the area mask [groups, K, pixels] from z [groups, K, pixels] (and q [groups, R+1, pixels]).</summary>
    internal static (int[] Bins, int[] Radius, float[] Mask) Areas(ReadOnlySpan<float> z, ReadOnlySpan<float> q, int groups, int pixels, FgdlOptions options)
    {
        int bins = options.Bins, radii = options.MaxRadius + 1;
        var chosen = new int[groups * pixels];
        var radius = new int[groups * pixels];
        var mask = new float[groups * bins * pixels];
        Span<double> p = stackalloc double[bins];
        for (var g = 0; g < groups; g++)
            for (var i = 0; i < pixels; i++)
            {
                var zBase = g * bins * pixels + i;
                int b = 0;
                for (var k = 1; k < bins; k++)
                    if (z[zBase + k * pixels] > z[zBase + b * pixels]) b = k;
                int r;
                if (!q.IsEmpty)
                {
                    var qBase = g * radii * pixels + i;
                    r = 0;
                    for (var k = 1; k < radii; k++)
                        if (q[qBase + k * pixels] > q[qBase + r * pixels]) r = k;
                }
                else
                {
                    double sum = 0, max = z[zBase + b * pixels];
                    for (var k = 0; k < bins; k++) sum += p[k] = Math.Exp(z[zBase + k * pixels] - max);
                    for (var k = 0; k < bins; k++) p[k] /= sum;
                    r = AnchorAreas.ClassModuleRadius(p, b, options.Tau, options.MaxRadius);
                }
                r = Math.Max(1, r);
                chosen[g * pixels + i] = b;
                radius[g * pixels + i] = r;
                for (var k = Math.Max(0, b - r); k <= Math.Min(bins - 1, b + r); k++) mask[zBase + k * pixels] = 1f;
            }
        return (chosen, radius, mask);
    }

    private static void Require(Tensor t, int n, int c, int h, int w, string what)
    {
        if (t.Rank != 4 || t.Size(0) != n || t.Size(1) != c || t.Size(2) != h || t.Size(3) != w)
            throw new ArgumentException($"fgdl-faithful: {what} {t.ShapeString} are not [{n}, {c}, {h}, {w}].");
    }
}
