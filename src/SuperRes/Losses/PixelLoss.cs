using SuperRes.Tensors;

namespace SuperRes.Losses;

/// <summary>MSE, L1 or Charbonnier of sr - hr, weighted and reduced.</summary>
public sealed class PixelLoss(PixelLossKind kind, Reduction reduction = Reduction.Mean, float weight = 1f,
    float epsilon = ElementLosses.DefaultCharbonnierEpsilon) : ISrLoss
{
    public PixelLossKind Kind { get; } = kind;

    public string Name => Kind.ToString().ToLowerInvariant();

    public Tensor Compute(Tensor superResolved, Tensor target)
    {
        LossChecks.SameShape(superResolved, target, Name);
        return ElementLosses.Reduce(ElementLosses.Apply(Kind, Ops.Sub(superResolved, target), epsilon), reduction, weight);
    }
}
