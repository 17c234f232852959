using SuperRes.Tensors.Optim;

namespace SuperRes.Training;

/// <summary>Adam and its learning-rate schedule.</summary>
public sealed record OptimizerConfig
{
    public double LearningRate { get; init; } = 1e-4;
    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.999;
    public double WeightDecay { get; init; }

    /// <summary>"constant", "step" (x Gamma every StepSize steps), "multistep" (at Milestones) or "cosine" (to MinFactor).</summary>
    public string Schedule { get; init; } = "constant";
    public long StepSize { get; init; } = 1000;
    public double Gamma { get; init; } = 0.5;
    public long[] Milestones { get; init; } = [];
    public double MinFactor { get; init; }
    public long WarmupSteps { get; init; }

    /// <summary>Clip the global gradient norm to this (0: off).</summary>
    public double GradientClip { get; init; }

    public LrSchedule CreateSchedule(long totalSteps)
    {
        LrSchedule schedule = Schedule.ToLowerInvariant() switch
        {
            "constant" => new ConstantLr(),
            "step" => new StepLr(StepSize, Gamma),
            "multistep" => new MultiStepLr(Milestones, Gamma),
            "cosine" => new CosineLr(totalSteps, MinFactor),
            _ => throw new ArgumentException($"Unknown schedule '{Schedule}': use constant, step, multistep or cosine."),
        };
        return WarmupSteps > 0 ? new LinearWarmup(WarmupSteps, schedule) : schedule;
    }
}
