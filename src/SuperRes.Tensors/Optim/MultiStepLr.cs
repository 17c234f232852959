namespace SuperRes.Tensors.Optim;

/// <summary>Multiplies by <c>gamma</c> at each milestone step.</summary>
public sealed class MultiStepLr(IEnumerable<long> milestones, double gamma = 0.1) : LrSchedule
{
    private readonly long[] _milestones = milestones.Order().ToArray();

    public override double Factor(long step) => Math.Pow(gamma, _milestones.Count(m => step >= m));
}
