namespace SuperRes.Tensors;

/// <summary>While alive, ops record no graph (inference, optimiser updates). Created by <see cref="Tape.NoGrad"/>.</summary>
public readonly struct NoGradScope : IDisposable
{
    private readonly bool _active;

    internal NoGradScope(int _)
    {
        _active = true;
        Tape.EnterNoGrad();
    }

    public void Dispose()
    {
        if (_active) Tape.ExitNoGrad();
    }
}
