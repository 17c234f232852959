namespace SuperRes.Training;

/// <summary>Adversarial training on top of the content loss (NVIDIA: content + lambda (-ln D(G(x)))).</summary>
public sealed record GanConfig
{
    /// <summary>lambda, weight of the generator's adversarial term.</summary>
    public float AdversarialWeight { get; init; } = 1e-3f;

    public int DiscriminatorWidth { get; init; } = 32;
    public int DiscriminatorStages { get; init; } = 3;
    public double DiscriminatorLearningRate { get; init; } = 1e-4;
}
