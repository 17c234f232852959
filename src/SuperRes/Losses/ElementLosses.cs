using SuperRes.Tensors;

namespace SuperRes.Losses;

/// <summary>
/// The element-wise losses of a difference d = sr - hr, as differentiable tensors of d's shape,
/// and the one place where weighting and reduction are applied (BasicSR style).
/// </summary>
public static class ElementLosses
{
    /// <summary>LapSRN's Charbonnier epsilon.</summary>
    public const float DefaultCharbonnierEpsilon = 1e-3f;

    public static Tensor Apply(PixelLossKind kind, Tensor difference, float epsilon = DefaultCharbonnierEpsilon) => kind switch
    {
        PixelLossKind.Mse => Ops.Mul(difference, difference),
        PixelLossKind.L1 => Ops.Abs(difference),
        PixelLossKind.Charbonnier => Charbonnier(difference, epsilon),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown pixel loss."),
    };

    /// <summary>sqrt(d² + eps²).</summary>
    public static Tensor Charbonnier(Tensor difference, float epsilon = DefaultCharbonnierEpsilon) =>
        Ops.Sqrt(Ops.AddScalar(Ops.Mul(difference, difference), epsilon * epsilon));

    /// <summary>ln(1 + e^x) in the stable form max(x, 0) + ln(1 + e^-|x|).</summary>
    public static Tensor Softplus(Tensor x) =>
        Ops.Add(Ops.Relu(x), Ops.Log(Ops.AddScalar(Ops.Exp(Ops.Neg(Ops.Abs(x))), 1f)));

    /// <summary><paramref name="weight"/> times the reduction of an element-wise loss map; shape [1].</summary>
    public static Tensor Reduce(Tensor map, Reduction reduction, float weight = 1f)
    {
        var reduced = reduction switch
        {
            Reduction.Mean => Ops.Mean(map),
            Reduction.Sum => Ops.Sum(map),
            Reduction.SumPerSample => Ops.MulScalar(Ops.Sum(map), 1f / map.Size(0)),
            _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Unknown reduction."),
        };
        return weight == 1f ? reduced : Ops.MulScalar(reduced, weight);
    }
}
