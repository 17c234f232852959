namespace SuperRes.Tensors.Kernels;

/// <summary>
/// The three passes of a 2-D convolution on raw NCHW float buffers. Implementations: a plain
/// reference (the specification) and fast ones chosen at run time; all must agree with the reference.
/// Buffers are dense, sized by <see cref="Conv2dGeometry"/>; outputs are overwritten, not accumulated.
/// </summary>
public unsafe interface IConv2dKernel
{
    /// <summary>output = conv(input, weight) + bias; <paramref name="bias"/> may be null.</summary>
    void Forward(in Conv2dGeometry g, float* input, float* weight, float* bias, float* output);

    /// <summary>gradInput = conv_transpose(gradOutput, weight): the gradient with respect to the input.</summary>
    void BackwardInput(in Conv2dGeometry g, float* gradOutput, float* weight, float* gradInput);

    /// <summary>gradWeight (and gradBias when not null) from input and gradOutput.</summary>
    void BackwardWeight(in Conv2dGeometry g, float* input, float* gradOutput, float* gradWeight, float* gradBias);
}
