namespace SuperRes.Tensors.Nn;

/// <summary>2-D convolution layer (PyTorch Conv2d): parameters <c>weight</c> [out,in,k,k] and <c>bias</c> [out].</summary>
public sealed class Conv2d : Module
{
    public Conv2d(int inChannels, int outChannels, int kernelSize, Rng rng, int stride = 1, int padding = 0, bool bias = true)
        : this(inChannels, outChannels, kernelSize, kernelSize, rng, stride, Padding2d.Same(padding), bias) { }

    public Conv2d(int inChannels, int outChannels, int kernelHeight, int kernelWidth, Rng rng, int stride, Padding2d padding, bool bias = true)
    {
        if (inChannels < 1 || outChannels < 1 || kernelHeight < 1 || kernelWidth < 1 || stride < 1)
            throw new ArgumentException("Conv2d: channels, kernel size and stride must be positive.");
        Stride = stride;
        Padding = padding;
        Weight = RegisterParameter("weight", Tensor.Empty(outChannels, inChannels, kernelHeight, kernelWidth));
        Bias = bias ? RegisterParameter("bias", Tensor.Empty(outChannels)) : null;
        Init.PyTorchDefault(Weight, Bias, rng);
    }

    public Tensor Weight { get; }
    public Tensor? Bias { get; }
    public int Stride { get; }
    public Padding2d Padding { get; }

    public override Tensor Forward(Tensor x) => Ops.Conv2d(x, Weight, Bias, Stride, Padding);
}
