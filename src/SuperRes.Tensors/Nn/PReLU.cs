namespace SuperRes.Tensors.Nn;

/// <summary>PReLU with <c>weight</c> [numParameters] (1 shared, or one per channel), initialised to 0.25 as PyTorch.</summary>
public sealed class PReLU : Module
{
    public PReLU(int numParameters = 1, float init = 0.25f)
    {
        if (numParameters < 1) throw new ArgumentException("PReLU needs at least one parameter.");
        Weight = RegisterParameter("weight", Tensor.Full(init, numParameters));
    }

    public Tensor Weight { get; }

    public override Tensor Forward(Tensor x) => Ops.PRelu(x, Weight);
}
