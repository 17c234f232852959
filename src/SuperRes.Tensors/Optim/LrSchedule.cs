namespace SuperRes.Tensors.Optim;

/// <summary>
/// A learning-rate schedule as a pure function of the step: lr(step) = base · Factor(step).
/// Schedules compose (<see cref="LinearWarmup"/> wraps another; <see cref="Then"/> multiplies),
/// and being stateless they resume exactly from a saved step count.
/// </summary>
public abstract class LrSchedule
{
    /// <summary>Multiplier of the base learning rate at <paramref name="step"/> (0-based).</summary>
    public abstract double Factor(long step);

    public double LearningRate(double baseLr, long step) => baseLr * Factor(step);

    /// <summary>Product of two schedules.</summary>
    public LrSchedule Then(LrSchedule other) => new ProductSchedule(this, other);

    /// <summary>Sets <paramref name="optimizer"/>'s learning rate for its next step.</summary>
    public void Apply(Optimizer optimizer, double baseLr) => optimizer.LearningRate = LearningRate(baseLr, optimizer.StepCount);

    private sealed class ProductSchedule(LrSchedule a, LrSchedule b) : LrSchedule
    {
        public override double Factor(long step) => a.Factor(step) * b.Factor(step);
    }
}
