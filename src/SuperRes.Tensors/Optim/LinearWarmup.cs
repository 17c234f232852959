namespace SuperRes.Tensors.Optim;

/// <summary>Ramps linearly from 1/warmupSteps to 1 over the first steps, then follows <c>inner</c> (shifted by the warm-up).</summary>
public sealed class LinearWarmup(long warmupSteps, LrSchedule? inner = null) : LrSchedule
{
    public override double Factor(long step) => step < warmupSteps
        ? (step + 1.0) / warmupSteps
        : inner?.Factor(step - warmupSteps) ?? 1;
}
