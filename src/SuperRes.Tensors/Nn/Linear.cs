namespace SuperRes.Tensors.Nn;

/// <summary>Fully connected layer (PyTorch Linear): <c>weight</c> [out,in], <c>bias</c> [out].</summary>
public sealed class Linear : Module
{
    public Linear(int inFeatures, int outFeatures, Rng rng, bool bias = true)
    {
        Weight = RegisterParameter("weight", Tensor.Empty(outFeatures, inFeatures));
        Bias = bias ? RegisterParameter("bias", Tensor.Empty(outFeatures)) : null;
        Init.PyTorchDefault(Weight, Bias, rng);
    }

    public Tensor Weight { get; }
    public Tensor? Bias { get; }

    /// <summary>x [N,in] (or [N,...] flattened) to [N,out].</summary>
    public override Tensor Forward(Tensor x) => Ops.Linear(x.Rank == 2 ? x : Ops.Flatten(x), Weight, Bias);
}
