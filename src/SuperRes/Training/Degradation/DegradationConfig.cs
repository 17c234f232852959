namespace SuperRes.Training.Degradation;

/// <summary>
/// The Real-ESRGAN second-order degradation as a training-data option (<c>"degradation": {}</c> in a
/// config takes every default): X. Wang, L. Xie, C. Dong, Y. Shan, "Real-ESRGAN: Training
/// Real-World Blind Super-Resolution with Pure Synthetic Data", ICCVW 2021, section 3. The
/// defaults are the paper's and its released training options.
/// </summary>
public sealed record DegradationConfig
{
    /// <summary>The first order, applied to the HR patch.</summary>
    public DegradationStage First { get; init; } = new();

    /// <summary>The second order, applied at about the LR size.</summary>
    public DegradationStage Second { get; init; } = DegradationStage.SecondOrder;

    /// <summary>Blur kernels have an odd side drawn from [low, high].</summary>
    public int[] KernelSize { get; init; } = [7, 21];

    /// <summary>Chance of the final sinc filter that imitates ringing and overshoot.</summary>
    public double FinalSincProbability { get; init; } = 0.8;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the field that cannot work.</summary>
    public void Validate()
    {
        TrainingConfig.Require(First is not null, "degradation.first is missing.");
        TrainingConfig.Require(Second is not null, "degradation.second is missing.");
        First!.Validate("degradation.first");
        Second!.Validate("degradation.second");
        TrainingConfig.Require(KernelSize is { Length: 2 } k && k[0] >= 3 && k[0] <= k[1] && k[1] <= 41 && k[0] % 2 == 1 && k[1] % 2 == 1,
            "degradation.kernelSize must be [low, high], odd, 3 <= low <= high <= 41.");
        TrainingConfig.Require(FinalSincProbability is >= 0 and <= 1, $"degradation.finalSincProbability {FinalSincProbability} must lie in [0, 1].");
    }
}
