namespace SuperRes.Tensors.Nn;

/// <summary>Element-wise ReLU activation (no parameters).</summary>
public sealed class ReLU : Module
{
    public override Tensor Forward(Tensor x) => Ops.Relu(x);
}
