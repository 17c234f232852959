namespace SuperRes.Tensors;

/// <summary>Composite ops written from primitives: their gradients come from the primitives'.</summary>
public static partial class Ops
{
    /// <summary>Element-wise Charbonnier penalty sqrt((a−b)² + ε²) (no reduction; reduce where the loss is defined).</summary>
    public static Tensor Charbonnier(Tensor a, Tensor b, float epsilon = 1e-3f)
    {
        var d = Sub(a, b);
        return Sqrt(AddScalar(Mul(d, d), epsilon * epsilon));
    }

    /// <summary>Mean squared error between two tensors of broadcastable shapes.</summary>
    public static Tensor MseLoss(Tensor a, Tensor b)
    {
        var d = Sub(a, b);
        return Mean(Mul(d, d));
    }
}
