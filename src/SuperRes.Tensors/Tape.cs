namespace SuperRes.Tensors;

/// <summary>
/// The owner of a step's tensors. While a tape is current (per thread; tapes nest), every new
/// tensor belongs to it, and ops on tensors that require grad record their backward. Disposing the
/// tape returns all its tensors (activations, saved values, intermediate gradients) to the pool;
/// read results you need first, or <see cref="Tensor.Persist"/> them.
/// <code>
/// using (var tape = new Tape()) { var loss = ...; loss.Backward(); optimizer.Step(); lossValue = loss.Item(); }
/// </code>
/// </summary>
public sealed class Tape : IDisposable
{
    [ThreadStatic] private static Tape? t_current;
    [ThreadStatic] private static int t_noGradDepth;

    private readonly Tape? _previous;
    private readonly List<Tensor> _owned = new(256);
    private bool _disposed;

    public Tape()
    {
        _previous = t_current;
        t_current = this;
    }

    /// <summary>The innermost tape of this thread, or null.</summary>
    public static Tape? Current => t_current;

    /// <summary>False inside a <see cref="NoGrad"/> scope: ops record nothing.</summary>
    public static bool IsGradEnabled => t_noGradDepth == 0;

    /// <summary>Disables graph recording until the returned scope is disposed.</summary>
    public static NoGradScope NoGrad() => new(1);

    internal static void EnterNoGrad() => t_noGradDepth++;
    internal static void ExitNoGrad() => t_noGradDepth--;

    /// <summary>Number of tensors this tape owns (including ones already disposed early).</summary>
    public int Count => _owned.Count;

    internal void Adopt(Tensor t)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _owned.Add(t);
    }

    /// <summary>Returns every tensor still owned by this tape to the pool; the tape stays current.</summary>
    public void Release()
    {
        foreach (var t in _owned)
            if (ReferenceEquals(t.Owner, this)) t.Dispose();
        _owned.Clear();
    }

    public void Dispose()
    {
        if (_disposed) return;
        if (!ReferenceEquals(t_current, this))
            throw new InvalidOperationException("Tapes must be disposed innermost first, on the thread that created them.");
        Release();
        _disposed = true;
        t_current = _previous;
    }
}
