namespace SuperRes.Tensors.Nn;

/// <summary>Element-wise Sigmoid activation (no parameters).</summary>
public sealed class Sigmoid : Module
{
    public override Tensor Forward(Tensor x) => Ops.Sigmoid(x);
}
