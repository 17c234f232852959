namespace SuperRes.Training;

/// <summary>Adversarial training on top of the content loss (NVIDIA: content + lambda (-ln D(G(x)))).</summary>
public sealed record GanConfig
{
    /// <summary>lambda, weight of the generator's adversarial term.</summary>
    public float AdversarialWeight { get; init; } = 1e-3f;

    public int DiscriminatorWidth { get; init; } = 32;
    public int DiscriminatorStages { get; init; } = 3;
    public double DiscriminatorLearningRate { get; init; } = 1e-4;

    /// <summary>Checks every field; messages name the field under <c>gan</c>.</summary>
    public void Validate()
    {
        TrainingConfig.Require(float.IsFinite(AdversarialWeight) && AdversarialWeight >= 0, $"gan.adversarialWeight {AdversarialWeight} must not be negative.");
        TrainingConfig.Require(DiscriminatorWidth is >= 1 and <= 1024, $"gan.discriminatorWidth {DiscriminatorWidth} must be between 1 and 1024.");
        TrainingConfig.Require(DiscriminatorStages is >= 1 and <= 8, $"gan.discriminatorStages {DiscriminatorStages} must be between 1 and 8.");
        TrainingConfig.Require(double.IsFinite(DiscriminatorLearningRate) && DiscriminatorLearningRate > 0, $"gan.discriminatorLearningRate {DiscriminatorLearningRate} must be positive.");
    }
}
