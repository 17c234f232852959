namespace SuperRes.Tensors.Kernels;

/// <summary>
/// Shape of a 2-D convolution (cross-correlation, as PyTorch's conv2d), NCHW input, weight
/// [OutChannels, InChannels, KernelHeight, KernelWidth]. Padding is zero padding and may be asymmetric.
/// </summary>
public readonly record struct Conv2dGeometry(
    int Batch, int InChannels, int InHeight, int InWidth,
    int OutChannels, int KernelHeight, int KernelWidth,
    int StrideH = 1, int StrideW = 1,
    int PadTop = 0, int PadLeft = 0, int PadBottom = 0, int PadRight = 0)
{
    public int OutHeight => (InHeight + PadTop + PadBottom - KernelHeight) / StrideH + 1;
    public int OutWidth => (InWidth + PadLeft + PadRight - KernelWidth) / StrideW + 1;
    public long InputLength => (long)Batch * InChannels * InHeight * InWidth;
    public long OutputLength => (long)Batch * OutChannels * OutHeight * OutWidth;
    public long WeightLength => (long)OutChannels * InChannels * KernelHeight * KernelWidth;

    /// <summary>Multiply-adds of one forward pass times two.</summary>
    public double ForwardFlops => 2.0 * OutputLength * InChannels * KernelHeight * KernelWidth;
}
