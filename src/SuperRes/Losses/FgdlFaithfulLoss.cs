using SuperRes.Models.Fgdl;
using SuperRes.Tensors;

namespace SuperRes.Losses;

/// <summary>
/// The loss of one level of the faithful FGDL reading (docs/FGDL.md):
/// L = mean(1[|b - b*| &lt;= r] Charbonnier(y_hat - y)) + lambda_cls CE(z, b*) + lambda_cm CE(q, r*),
/// b* = min(floor(y K), K - 1), r* = min(|b - b*|, R), b from the level (no gradient). The mean runs
/// over all pixels, so a missed area drops its pixel's regression term. lambda_cm applies only with
/// the learned Class-Module.
/// </summary>
public sealed class FgdlFaithfulLoss
{
    public FgdlFaithfulLoss(FgdlOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.Variant != FgdlVariant.Faithful) throw new ArgumentException($"fgdl-faithful: options are of the {options.Variant} variant.");
        Options = options;
    }

    public FgdlOptions Options { get; }

    public FgdlFaithfulLossResult Compute(FgdlFaithfulLevel level, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(level);
        ArgumentNullException.ThrowIfNull(target);
        LossChecks.SameShape(level.Image, target, "fgdl-faithful");
        int bins = Options.Bins, count = target.Length;
        var y = target.AsSpan();
        var truth = new int[count];
        var radiusTarget = new int[count];
        var hit = new float[count];
        int hits = 0;
        double radiusSum = 0;
        for (var i = 0; i < count; i++)
        {
            truth[i] = AnchorAreas.TruthBin(y[i], bins);
            var miss = Math.Abs(level.Bins[i] - truth[i]);
            radiusTarget[i] = Math.Min(miss, Options.MaxRadius);
            if (miss <= level.Radius[i]) { hit[i] = 1f; hits++; }
            radiusSum += level.Radius[i];
        }
        Tensor hitMask;
        using (Tape.NoGrad()) hitMask = Tensor.FromArray(hit, target.Shape.ToArray());
        var charbonnier = ElementLosses.Charbonnier(Ops.Sub(level.Image, target), Options.Epsilon);
        var regression = Ops.MulScalar(Ops.Sum(Ops.Mul(charbonnier, hitMask)), 1f / count);
        var classification = Ops.CrossEntropy(level.Logits, truth);
        var total = Ops.Add(regression, Ops.MulScalar(classification, Options.ClassificationWeight));
        float classModule = 0;
        if (level.RadiusLogits is { } q)
        {
            var cm = Ops.CrossEntropy(q, radiusTarget);
            classModule = cm.Item();
            total = Ops.Add(total, Ops.MulScalar(cm, Options.ClassModuleWeight));
        }
        return new FgdlFaithfulLossResult(total, regression.Item(), classification.Item(), classModule,
            (double)hits / count, radiusSum / count);
    }
}
