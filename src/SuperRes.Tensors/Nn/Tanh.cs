namespace SuperRes.Tensors.Nn;

/// <summary>Element-wise Tanh activation (no parameters).</summary>
public sealed class Tanh : Module
{
    public override Tensor Forward(Tensor x) => Ops.Tanh(x);
}
