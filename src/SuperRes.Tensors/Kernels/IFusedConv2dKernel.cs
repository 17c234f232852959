namespace SuperRes.Tensors.Kernels;

/// <summary>A conv kernel that applies the activation while each output block is still in cache.</summary>
internal unsafe interface IFusedConv2dKernel
{
    /// <summary>output = leaky_relu(conv(input, weight) + bias, slope); <paramref name="bias"/> may be null.</summary>
    void ForwardLeakyRelu(in Conv2dGeometry g, float* input, float* weight, float* bias, float* output, float slope);
}
