namespace SuperRes.Training.Degradation;

/// <summary>The blur kernels of Real-ESRGAN, in the order of <see cref="DegradationStage.KernelProbabilities"/>.</summary>
public enum KernelShape
{
    Isotropic,
    Anisotropic,
    GeneralizedIsotropic,
    GeneralizedAnisotropic,
    PlateauIsotropic,
    PlateauAnisotropic,
}
