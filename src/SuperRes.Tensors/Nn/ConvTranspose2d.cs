namespace SuperRes.Tensors.Nn;

/// <summary>Transposed convolution (PyTorch ConvTranspose2d): <c>weight</c> [in,out,k,k], <c>bias</c> [out].</summary>
public sealed class ConvTranspose2d : Module
{
    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, Rng rng, int stride = 1, int padding = 0,
        int outputPadding = 0, bool bias = true)
    {
        if (inChannels < 1 || outChannels < 1 || kernelSize < 1 || stride < 1)
            throw new ArgumentException("ConvTranspose2d: channels, kernel size and stride must be positive.");
        Stride = stride;
        Padding = padding;
        OutputPadding = outputPadding;
        Weight = RegisterParameter("weight", Tensor.Empty(inChannels, outChannels, kernelSize, kernelSize));
        Bias = bias ? RegisterParameter("bias", Tensor.Empty(outChannels)) : null;
        // PyTorch computes fan_in from weight dim 1 (out channels) for transposed convs.
        Init.PyTorchDefault(Weight, Bias, rng, outChannels * kernelSize * kernelSize);
    }

    public Tensor Weight { get; }
    public Tensor? Bias { get; }
    public int Stride { get; }
    public int Padding { get; }
    public int OutputPadding { get; }

    public override Tensor Forward(Tensor x) => Ops.ConvTranspose2d(x, Weight, Bias, Stride, Padding, OutputPadding);
}
