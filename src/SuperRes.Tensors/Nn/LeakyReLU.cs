namespace SuperRes.Tensors.Nn;

/// <summary>LeakyReLU with a fixed negative slope (PyTorch default 0.01).</summary>
public sealed class LeakyReLU(float negativeSlope = 0.01f) : Module
{
    public float NegativeSlope { get; } = negativeSlope;

    public override Tensor Forward(Tensor x) => Ops.LeakyRelu(x, NegativeSlope);
}
