namespace SuperRes.Tensors.Kernels;

/// <summary>
/// A conv kernel that can write the s x s phases of a sub-pixel transposed conv (a conv with s*s*Co
/// outputs, phase (ry, rx) of channel c in output channel (ry * s + rx) * Co + c) straight into the
/// interleaved image, without the phase planes in between.
/// </summary>
internal unsafe interface ISubPixelConv2dKernel
{
    /// <summary>
    /// Runs <paramref name="phases"/> and stores pixel (py, px) of phase (ry, rx), channel c at
    /// output[n, c, s*py + ry - target.CropTop, s*px + rx - target.CropLeft] where that lies inside
    /// the target; the leaky ReLU is applied when <paramref name="leaky"/>. False (nothing written) when
    /// this kernel has no such path for the shape; the caller then runs the phases and interleaves them.
    /// </summary>
    bool TryForwardSubPixel(in Conv2dGeometry phases, float* input, float* weight, float* bias, in SubPixelTarget target,
        bool leaky, float slope);
}
