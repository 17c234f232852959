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

    /// <summary>Checks every field and that the schedule exists; messages name the field under <c>optimizer</c>.</summary>
    public void Validate(long totalSteps)
    {
        TrainingConfig.Require(double.IsFinite(LearningRate) && LearningRate > 0, $"optimizer.learningRate {LearningRate} must be a positive number.");
        TrainingConfig.Require(Beta1 is >= 0 and < 1, $"optimizer.beta1 {Beta1} must lie in [0, 1).");
        TrainingConfig.Require(Beta2 is >= 0 and < 1, $"optimizer.beta2 {Beta2} must lie in [0, 1).");
        TrainingConfig.Require(double.IsFinite(WeightDecay) && WeightDecay >= 0, $"optimizer.weightDecay {WeightDecay} must not be negative.");
        TrainingConfig.Require(Schedule is not null, "optimizer.schedule is missing.");
        TrainingConfig.Require(StepSize >= 1, $"optimizer.stepSize {StepSize} must be positive.");
        TrainingConfig.Require(double.IsFinite(Gamma) && Gamma > 0, $"optimizer.gamma {Gamma} must be positive.");
        TrainingConfig.Require(Milestones is not null && Milestones.All(m => m >= 0), "optimizer.milestones must be a list of step numbers.");
        TrainingConfig.Require(MinFactor is >= 0 and <= 1, $"optimizer.minFactor {MinFactor} must lie in [0, 1].");
        TrainingConfig.Require(WarmupSteps >= 0, $"optimizer.warmupSteps {WarmupSteps} must not be negative.");
        TrainingConfig.Require(double.IsFinite(GradientClip) && GradientClip >= 0, $"optimizer.gradientClip {GradientClip} must not be negative (0: off).");
        try
        {
            CreateSchedule(totalSteps);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException("optimizer.schedule: " + e.Message, e);
        }
    }

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
