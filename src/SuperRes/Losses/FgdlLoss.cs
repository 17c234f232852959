using SuperRes.Models.Fgdl;
using SuperRes.Tensors;

namespace SuperRes.Losses;

/// <summary>
/// The Fine-Grained Dynamic Loss of one level (docs/FGDL.md): cross-entropy of the bin logits
/// against b* = min(floor(y K), K - 1), plus Charbonnier of sr = lo + sigmoid(t)(hi - lo) inside
/// the dynamic anchor area (lo, hi constant), L = L_reg + lambda_cls L_cls. The auxiliary variant
/// regresses the network's plain output instead.
/// </summary>
public sealed class FgdlLoss(FgdlOptions options)
{
    public FgdlOptions Options { get; } = Validated(options);

    /// <summary>The loss of one level against its target [n, c, h, w] in [0, 1].</summary>
    public FgdlLossResult Compute(FgdlLevelOutput level, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(level);
        LossChecks.SameShape(level.Output, target, "fgdl");
        var classification = BinCrossEntropy(level.Logits, target, Options.Bins);
        Tensor image;
        if (Options.Variant == FgdlVariant.Auxiliary) image = level.Output;
        else image = Reconstruct(level.Logits, level.T, Options, target, level.Output).Image;
        var regression = ElementLosses.Reduce(ElementLosses.Charbonnier(Ops.Sub(image, target), Options.Epsilon), Reduction.Mean);
        if (Options.OutputWeight > 0 && Options.Variant != FgdlVariant.Auxiliary)
        {
            var own = ElementLosses.Reduce(ElementLosses.Charbonnier(Ops.Sub(level.Output, target), Options.Epsilon), Reduction.Mean);
            regression = Ops.Add(regression, Ops.MulScalar(own, Options.OutputWeight));
        }
        var total = Ops.Add(regression, Ops.MulScalar(classification, Options.ClassificationWeight));
        return new FgdlLossResult(total, regression.Item(), classification.Item(), image);
    }

    /// <summary>The readout the loss trains: <see cref="FgdlAnchorReadout.Reconstruct"/>.</summary>
    public static (Tensor Image, AnchorAreas Areas) Reconstruct(Tensor logits, Tensor t, FgdlOptions options, Tensor? target, Tensor? output = null) =>
        FgdlAnchorReadout.Reconstruct(logits, t, options, target, output);

    /// <summary>Mean cross-entropy of logits [n, c*K, h, w] against the bins of <paramref name="target"/> [n, c, h, w].</summary>
    public static Tensor BinCrossEntropy(Tensor logits, Tensor target, int bins)
    {
        int n = target.Size(0), c = target.Size(1), pixels = target.Size(2) * target.Size(3);
        if (logits.Length != target.Length * bins)
            throw new ArgumentException($"fgdl: logits {logits.ShapeString} are not {bins} per target value of {target.ShapeString}.");
        var grouped = Ops.Reshape(logits, n * c, bins, pixels);
        Tensor max, oneHot;
        using (Tape.NoGrad())
        {
            max = Ops.MaxNoGrad(grouped, 1);
            var hot = new float[grouped.Length];
            var y = target.AsSpan();
            for (var g = 0; g < n * c; g++)
                for (var i = 0; i < pixels; i++)
                    hot[(g * bins + AnchorAreas.TruthBin(y[g * pixels + i], bins)) * pixels + i] = 1f;
            oneHot = Tensor.FromArray(hot, n * c, bins, pixels);
        }
        var shifted = Ops.Sub(grouped, max);
        var logSum = Ops.Log(Ops.Sum(Ops.Exp(shifted), [1], keepDim: true));
        var logProbability = Ops.Sub(shifted, logSum);
        return Ops.MulScalar(Ops.Sum(Ops.Mul(oneHot, logProbability)), -1f / (n * c * pixels));
    }

    private static FgdlOptions Validated(FgdlOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }
}
