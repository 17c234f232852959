namespace SuperRes.Tensors.Nn;

/// <summary>Runs modules in order; they are named "0", "1", ... as in PyTorch.</summary>
public sealed class Sequential : Module
{
    private readonly List<Module> _layers = [];

    public Sequential(params Module[] layers)
    {
        foreach (var m in layers) Add(m);
    }

    public int Count => _layers.Count;
    public Module this[int index] => _layers[index];

    public Sequential Add(Module module)
    {
        RegisterModule(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module);
        _layers.Add(module);
        return this;
    }

    /// <summary>
    /// Each layer on the last one's output. Without gradients every output between the first input and
    /// the result goes back to the pool once the next layer has read it: a deep stack then holds two
    /// activations at a time, not one per layer.
    /// </summary>
    public override Tensor Forward(Tensor x)
    {
        bool release = !Tape.IsGradEnabled;
        var current = x;
        foreach (var m in _layers)
        {
            var next = m.Forward(current);
            if (release && !ReferenceEquals(current, x) && !ReferenceEquals(next, current)) current.Dispose();
            current = next;
        }
        return current;
    }
}
