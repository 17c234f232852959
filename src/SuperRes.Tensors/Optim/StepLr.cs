namespace SuperRes.Tensors.Optim;

/// <summary>Multiplies by <c>gamma</c> every <c>stepSize</c> steps.</summary>
public sealed class StepLr(long stepSize, double gamma = 0.1) : LrSchedule
{
    public override double Factor(long step) => Math.Pow(gamma, step / Math.Max(1, stepSize));
}
