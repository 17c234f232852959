using SuperRes.Models.Fgdl;
using SuperRes.Tensors;

namespace SuperRes.Losses;

/// <summary>
/// The heads-free reading of FGDL (docs/FGDL.md, "Heads-free reading"): the bins are classified
/// from the network's own output, so training adds no parameters and inference costs nothing extra.
/// Bin k's logit is -(sr - c_k)² / (2 σ²) with c_k = (k + ½)/K and σ = softness/K; the loss is
/// lambda_cls times their cross-entropy against b* plus Charbonnier(sr - y) on the pixels whose
/// predicted bin lies inside the anchor area (|b - b*| ≤ r, r fixed or from the Class-Module),
/// mean over all pixels. Far-off pixels are moved by the classification term alone.
/// </summary>
public sealed class FgdlOutputLoss : ISrLoss
{
    public FgdlOutputLoss(FgdlOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    public FgdlOptions Options { get; }

    public string Name => $"fgdl-output-{Options.Tag}";

    public Tensor Compute(Tensor superResolved, Tensor target)
    {
        LossChecks.SameShape(superResolved, target, Name);
        LossChecks.Nchw(superResolved, Name);
        var logits = BinLogits(superResolved, Options.Bins, Options.OutputSoftness);
        var classification = FgdlLoss.BinCrossEntropy(logits, target, Options.Bins);
        var mask = RegressionMask(logits, target, Options);
        var charbonnier = ElementLosses.Charbonnier(Ops.Sub(superResolved, target), Options.Epsilon);
        var regression = Ops.Mean(mask is null ? charbonnier : Ops.Mul(charbonnier, mask));
        return Ops.Add(regression, Ops.MulScalar(classification, Options.ClassificationWeight));
    }

    /// <summary>Logits [n, c*K, h, w] of the image [n, c, h, w]: -(x - c_k)² / (2 σ²), σ = softness/K.</summary>
    public static Tensor BinLogits(Tensor image, int bins, float softness)
    {
        int n = image.Size(0), c = image.Size(1), h = image.Size(2), w = image.Size(3);
        Tensor centres;
        using (Tape.NoGrad())
        {
            var values = new float[bins];
            for (var k = 0; k < bins; k++) values[k] = (k + 0.5f) / bins;
            centres = Tensor.FromArray(values, 1, bins, 1);
        }
        var distance = Ops.Sub(Ops.Reshape(image, n * c, 1, h * w), centres);
        var sigma = softness / bins;
        var logits = Ops.MulScalar(Ops.Mul(distance, distance), -1f / (2 * sigma * sigma));
        return Ops.Reshape(logits, n, c * bins, h, w);
    }

    /// <summary>
    /// 1 where the predicted bin is within the anchor radius of the truth's bin, else 0 (no gradient);
    /// null when every pixel is regressed (the auxiliary variant, or areas widened to the truth).
    /// </summary>
    public static Tensor? RegressionMask(Tensor logits, Tensor target, FgdlOptions options)
    {
        if (options.Variant == FgdlVariant.Auxiliary || options.WidenToTruth) return null;
        int groups = target.Size(0) * target.Size(1), pixels = target.Size(2) * target.Size(3);
        using var _ = Tape.NoGrad();
        var areas = AnchorAreas.Compute(logits.AsSpan(), groups, pixels, options);
        var y = target.AsSpan();
        var mask = new float[y.Length];
        for (var i = 0; i < mask.Length; i++)
            mask[i] = Math.Abs(areas.PredictedBin[i] - AnchorAreas.TruthBin(y[i], options.Bins)) <= areas.Radius[i] ? 1f : 0f;
        return Tensor.FromArray(mask, target.Shape.ToArray());
    }
}
