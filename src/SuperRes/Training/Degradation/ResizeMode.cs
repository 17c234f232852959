namespace SuperRes.Training.Degradation;

/// <summary>The interpolations of the random resize, as PyTorch's <c>F.interpolate</c> does them (align_corners=False, no antialiasing).</summary>
public enum ResizeMode
{
    /// <summary>Adaptive average pooling: each output pixel is the mean of the input pixels its cell touches.</summary>
    Area,
    Bilinear,
    /// <summary>Keys' cubic with a = -0.75, edge pixels repeated.</summary>
    Bicubic,
}
