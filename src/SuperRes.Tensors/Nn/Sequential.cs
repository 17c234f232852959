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

    public override Tensor Forward(Tensor x)
    {
        foreach (var m in _layers) x = m.Forward(x);
        return x;
    }
}
