namespace SuperRes.Tensors.Optim;

/// <summary>Factor 1 always.</summary>
public sealed class ConstantLr : LrSchedule
{
    public override double Factor(long step) => 1;
}
