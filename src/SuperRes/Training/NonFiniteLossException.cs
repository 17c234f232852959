namespace SuperRes.Training;

/// <summary>A loss became NaN or infinite; training stops and the last good checkpoint is kept.</summary>
public sealed class NonFiniteLossException(long step, string loss, double value)
    : Exception($"The {loss} loss is {value} at step {step}: training stopped; the last good checkpoint is kept. Lower the learning rate or enable gradient clipping.")
{
    public long Step { get; } = step;
    public double Value { get; } = value;

    public static void ThrowIfNotFinite(long step, string loss, double value)
    {
        if (!double.IsFinite(value)) throw new NonFiniteLossException(step, loss, value);
    }
}
