using SuperRes.Losses;
using SuperRes.Models.Fgdl;
using SuperRes.Tensors;
using static SuperRes.Tests.Losses.LossTestHelpers;

namespace SuperRes.Tests.Losses;

/// <summary>The faithful FGDL reading (<see cref="FgdlFaithfulReadout"/>, <see cref="FgdlFaithfulLoss"/>) against a double-precision reference and finite differences.</summary>
public class FgdlFaithfulReadoutTests
{
    private static FgdlOptions Options(int bins = 4, int maxRadius = 2, bool learned = true) => new()
    {
        Variant = FgdlVariant.Faithful, Bins = bins, MaxRadius = maxRadius, LearnedRadius = learned,
        ClassificationWeight = 0.3f, ClassModuleWeight = 0.2f, Tau = 0.9,
    };

    /// <summary>The reading in double precision, straight from the formulas (softmax included, not cancelled).</summary>
    private static (double[] Image, int[] Bins, int[] Radius) Reference(float[] a, float[] u, float[]? q, int groups, int pixels, FgdlOptions o)
    {
        int k = o.Bins, radii = o.MaxRadius + 1;
        double w = 1.0 / k;
        var image = new double[groups * pixels];
        var bins = new int[groups * pixels];
        var radius = new int[groups * pixels];
        for (var g = 0; g < groups; g++)
            for (var i = 0; i < pixels; i++)
            {
                var z = new double[k];
                for (var j = 0; j < k; j++)
                {
                    var c = (j + 0.5) * w;
                    var d = u[g * pixels + i] - c;
                    z[j] = a[(g * k + j) * pixels + i] - d * d / (2 * w * w);
                }
                var max = z.Max();
                var p = z.Select(v => Math.Exp(v - max)).ToArray();
                var sum = p.Sum();
                for (var j = 0; j < k; j++) p[j] /= sum;
                var b = Array.IndexOf(z, max);
                int r;
                if (q is not null)
                {
                    var qs = Enumerable.Range(0, radii).Select(j => q[(g * radii + j) * pixels + i]).ToArray();
                    r = Array.IndexOf(qs, qs.Max());
                }
                else
                {
                    r = o.MaxRadius;
                    for (var t = 0; t <= o.MaxRadius; t++)
                        if (Enumerable.Range(b - t, 2 * t + 1).Where(j => j >= 0 && j < k).Sum(j => p[j]) >= o.Tau) { r = t; break; }
                }
                r = Math.Max(1, r);
                double num = 0, den = 0;
                for (var j = Math.Max(0, b - r); j <= Math.Min(k - 1, b + r); j++) { num += p[j] * (j + 0.5) * w; den += p[j]; }
                image[g * pixels + i] = num / den;
                bins[g * pixels + i] = b;
                radius[g * pixels + i] = r;
            }
        return (image, bins, radius);
    }

    [Theory]
    [InlineData(true, 8)]
    [InlineData(false, 8)]
    [InlineData(true, 5)]
    public void Read_MatchesTheDoubleReference(bool learned, int bins)
    {
        var o = Options(bins, maxRadius: 3, learned);
        int n = 2, c = 1, h = 3, w = 5, pixels = h * w;
        var a = Values(n * c * bins * pixels, 1, -3, 3);
        var u = Values(n * c * pixels, 2, -0.05, 1.05);
        var q = learned ? Values(n * c * (o.MaxRadius + 1) * pixels, 3, -2, 2) : null;

        var level = FgdlFaithfulReadout.Read(Tensor.FromArray(a, n, c * bins, h, w), Tensor.FromArray(u, n, c, h, w),
            q is null ? null : Tensor.FromArray(q, n, c * (o.MaxRadius + 1), h, w), o);
        var (image, b, r) = Reference(a, u, q, n * c, pixels, o);

        Assert.Equal(b, level.Bins);
        Assert.Equal(r, level.Radius);
        var got = level.Image.ToArray();
        for (var i = 0; i < got.Length; i++) Assert.InRange(got[i] - image[i], -2e-6, 2e-6);
        Assert.Contains(r, x => x > 1); // the test covers areas wider than the floor
    }

    [Fact]
    public void Read_ZeroConv_StartsAtTheUpsampledImage()
    {
        // z = prior: at a bin centre y_hat = u exactly; elsewhere the soft-argmax pulls u toward the
        // chosen bin's centre, by at most 0.233 bin widths (at a bin edge, r = 1: 0.5 - (e^-1/8 - e^-9/8) / (2 e^-1/8 + e^-9/8)).
        var o = Options(bins: 16, maxRadius: 3);
        var values = new List<float>();
        for (var k = 1; k < 15; k++) values.Add((float)FgdlFaithfulReadout.Centre(k, 16));
        for (var x = 1.0 / 16; x <= 15.0 / 16; x += 0.01) values.Add((float)x);
        int count = values.Count;
        var level = FgdlFaithfulReadout.Read(Tensor.Zeros(1, 16, 1, count), Tensor.FromArray(values.ToArray(), 1, 1, 1, count),
            Tensor.Zeros(1, 4, 1, count), o);
        var image = level.Image.ToArray();
        for (var i = 0; i < 14; i++) Assert.InRange(image[i] - values[i], -1e-6, 1e-6);
        var worst = values.Select((v, i) => Math.Abs(image[i] - v)).Max();
        Assert.InRange(worst, 0.2 / 16, 0.234 / 16);
        Assert.All(level.Radius, r => Assert.Equal(1, r)); // zero Class-Module logits: argmax 0, floored to 1
    }

    [Fact]
    public void Read_GradientWithRespectToTheBinConv_MatchesFiniteDifferences()
    {
        var o = Options();
        var u = Tensor.FromArray([0.3f, 0.62f, 0.9f], 1, 1, 1, 3);
        var q = Tensor.FromArray(Values(9, 4, -1, 1), 1, 3, 1, 3);
        var weights = Tensor.FromArray([0.7f, -1.3f, 0.4f], 1, 1, 1, 3);
        CheckGradient(a => Ops.Sum(Ops.Mul(FgdlFaithfulReadout.Read(a, u, q, o).Image, weights)),
            Values(12, 5, -0.5, 0.5), [1, 4, 1, 3], h: 1e-3f, tolerance: 5e-3);
    }

    [Fact]
    public void Read_GradientWithRespectToTheUpsampledImage_MatchesFiniteDifferences()
    {
        var o = Options();
        var a = Tensor.FromArray(Values(12, 6, -0.5, 0.5), 1, 4, 1, 3);
        var weights = Tensor.FromArray([0.7f, -1.3f, 0.4f], 1, 1, 1, 3);
        CheckGradient(u => Ops.Sum(Ops.Mul(FgdlFaithfulReadout.Read(a, u, null, o with { LearnedRadius = false }).Image, weights)),
            [0.3f, 0.58f, 0.86f], [1, 1, 1, 3], h: 1e-3f, tolerance: 5e-3);
    }

    [Fact]
    public void Loss_GradientsOfEveryInput_MatchFiniteDifferences()
    {
        var o = Options();
        var target = Tensor.FromArray([0.35f, 0.1f, 0.95f], 1, 1, 1, 3);
        var loss = new FgdlFaithfulLoss(o);
        var u0 = Tensor.FromArray([0.3f, 0.58f, 0.86f], 1, 1, 1, 3);
        var a0 = Values(12, 6, -0.5, 0.5);
        var q0 = Values(9, 7, -1, 1);
        CheckGradient(a => loss.Compute(FgdlFaithfulReadout.Read(a, u0, Tensor.FromArray(q0, 1, 3, 1, 3), o), target).Total,
            a0, [1, 4, 1, 3], h: 1e-3f, tolerance: 5e-3);
        CheckGradient(u => loss.Compute(FgdlFaithfulReadout.Read(Tensor.FromArray(a0, 1, 4, 1, 3), u, Tensor.FromArray(q0, 1, 3, 1, 3), o), target).Total,
            [0.3f, 0.58f, 0.86f], [1, 1, 1, 3], h: 1e-3f, tolerance: 5e-3);
        CheckGradient(q => loss.Compute(FgdlFaithfulReadout.Read(Tensor.FromArray(a0, 1, 4, 1, 3), u0, q, o), target).Total,
            q0, [1, 3, 1, 3], h: 1e-3f, tolerance: 5e-3);
    }

    [Fact]
    public void Loss_Parts_FollowTheFormula()
    {
        // bins 4: u = 0.3 -> b = 1; target 0.95 -> b* = 3, |b - b*| = 2 > r = 1: the regression is dropped.
        var o = Options() with { LearnedRadius = false };
        var level = FgdlFaithfulReadout.Read(Tensor.Zeros(1, 4, 1, 2), Tensor.FromArray([0.3f, 0.3f], 1, 1, 1, 2), null, o);
        var result = new FgdlFaithfulLoss(o).Compute(level, Tensor.FromArray([0.95f, 0.3f], 1, 1, 1, 2));
        var image = level.Image.ToArray();
        var charbonnier = Math.Sqrt(Math.Pow(image[1] - 0.3, 2) + 1e-6);
        Assert.Equal(charbonnier / 2, result.Regression, 1e-6);
        Assert.Equal(0.5, result.HitRate);
        // CE of the prior's softmax against bins 3 and 1, in double.
        double Ce(int truth)
        {
            var z = Enumerable.Range(0, 4).Select(k => -Math.Pow(0.3 - (k + 0.5) / 4, 2) * 8).ToArray();
            return Math.Log(z.Sum(Math.Exp)) - z[truth];
        }
        Assert.Equal((Ce(3) + Ce(1)) / 2, result.Classification, 1e-4);
        Assert.Equal(result.Regression + 0.3 * result.Classification, result.Total.Item(), 1e-5);
        Assert.Equal(0f, result.ClassModule);
    }
}
