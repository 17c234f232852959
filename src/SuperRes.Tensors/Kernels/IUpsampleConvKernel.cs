namespace SuperRes.Tensors.Kernels;

/// <summary>
/// A 3x3 transposed conv of stride 2 (cropped to twice the input size, MatConvNet's crop [0 1 0 1])
/// with leaky ReLU, then a 3x3 conv (padding 1) and an addend, computed a few rows at a time: the
/// upsampled features, the largest tensor of such a network tail (LapSRN's last level), are never
/// written to memory. Inference only.
/// </summary>
internal unsafe interface IUpsampleConvKernel
{
    /// <summary>
    /// output[n, c, y, x] = addend[n, c, y, x] + convBias[c] + conv3x3(leaky_relu(conv_transpose(input, upWeight) + upBias, slope), convWeight)[n, c, y, x]
    /// for y &lt; 2 <paramref name="height"/>, x &lt; 2 <paramref name="width"/>; input [N, Ci, H, W], upWeight [Ci, Cm, 3, 3],
    /// convWeight [Co, Cm, 3, 3], addend and output [N, Co, 2H, 2W]; biases may be null. When
    /// <paramref name="features"/> is not null, the upsampled features [N, Cm, 2H, 2W] are stored there too.
    /// </summary>
    void ForwardUpsampleConv(int batch, int inChannels, int midChannels, int outChannels, int height, int width,
        float* input, float* upWeight, float* upBias, float slope, float* convWeight, float* convBias, float* addend, float* output,
        float* features = null);
}
