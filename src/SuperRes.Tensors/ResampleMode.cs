namespace SuperRes.Tensors;

/// <summary>Interpolation of <see cref="Ops.Upsample(Tensor, int, int, ResampleMode)"/> (PyTorch F.interpolate, align_corners=False).</summary>
public enum ResampleMode
{
    Nearest,
    Bilinear,
    /// <summary>Cubic convolution with a = −0.75 and clamped borders, as PyTorch's bicubic.</summary>
    Bicubic,
}
