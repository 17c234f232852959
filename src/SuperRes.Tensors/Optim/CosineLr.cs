namespace SuperRes.Tensors.Optim;

/// <summary>Cosine annealing from 1 to <c>minFactor</c> over <c>totalSteps</c>, then flat.</summary>
public sealed class CosineLr(long totalSteps, double minFactor = 0) : LrSchedule
{
    public override double Factor(long step)
    {
        double t = Math.Min(1.0, (double)step / Math.Max(1, totalSteps));
        return minFactor + (1 - minFactor) * 0.5 * (1 + Math.Cos(Math.PI * t));
    }
}
