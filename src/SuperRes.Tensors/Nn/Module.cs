namespace SuperRes.Tensors.Nn;

/// <summary>
/// Base of network layers: named parameters and sub-modules in registration order, so that
/// <see cref="NamedParameters"/> yields PyTorch state_dict names such as <c>body.3.weight</c>.
/// Parameters are owned by the module (never by a tape); <see cref="Dispose"/> frees them.
/// </summary>
public abstract class Module : IDisposable
{
    private readonly List<(string Name, Tensor Tensor)> _parameters = [];
    private readonly List<(string Name, Module Module)> _children = [];

    /// <summary>True in training mode (the default); layers such as dropout look at it.</summary>
    public bool IsTraining { get; private set; } = true;

    public abstract Tensor Forward(Tensor x);

    /// <summary>Registers a learnable tensor: it leaves any tape and requires grad.</summary>
    protected Tensor RegisterParameter(string name, Tensor tensor)
    {
        CheckName(name);
        tensor.Persist();
        tensor.RequiresGrad = true;
        _parameters.Add((name, tensor));
        return tensor;
    }

    protected T RegisterModule<T>(string name, T module) where T : Module
    {
        CheckName(name);
        _children.Add((name, module));
        return module;
    }

    public IEnumerable<(string Name, Module Module)> Children() => _children;

    /// <summary>All parameters, depth first, named with dotted paths.</summary>
    public IEnumerable<(string Name, Tensor Parameter)> NamedParameters(string prefix = "")
    {
        foreach (var (name, t) in _parameters) yield return (prefix + name, t);
        foreach (var (name, m) in _children)
            foreach (var p in m.NamedParameters(prefix + name + "."))
                yield return p;
    }

    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(p => p.Parameter);

    public long ParameterCount() => Parameters().Sum(p => (long)p.Length);

    /// <summary>Name → parameter (the live tensors, not copies).</summary>
    public Dictionary<string, Tensor> StateDict() => NamedParameters().ToDictionary(p => p.Name, p => p.Parameter);

    /// <summary>Copies values in by name; with <paramref name="strict"/>, missing or extra names are errors.</summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        var mine = StateDict();
        if (strict)
        {
            var missing = mine.Keys.Where(k => !state.ContainsKey(k)).ToList();
            var extra = state.Keys.Where(k => !mine.ContainsKey(k)).ToList();
            if (missing.Count > 0 || extra.Count > 0)
                throw new ArgumentException($"State dict mismatch. Missing: [{string.Join(", ", missing)}]; unexpected: [{string.Join(", ", extra)}].");
        }
        foreach (var (name, p) in mine)
        {
            if (!state.TryGetValue(name, out var src)) continue;
            if (!src.Shape.SequenceEqual(p.Shape))
                throw new ArgumentException($"Parameter {name}: expected shape {p.ShapeString}, got {src.ShapeString}.");
            p.CopyFrom(src);
        }
    }

    public void ZeroGrad()
    {
        foreach (var p in Parameters()) p.ZeroGrad();
    }

    /// <summary>Sets training mode on this module and all below it.</summary>
    public void Train(bool training = true)
    {
        IsTraining = training;
        foreach (var (_, m) in _children) m.Train(training);
    }

    public void Eval() => Train(false);

    public virtual void Dispose()
    {
        foreach (var (_, t) in _parameters) t.Dispose();
        foreach (var (_, m) in _children) m.Dispose();
        GC.SuppressFinalize(this);
    }

    private void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.'))
            throw new ArgumentException($"Invalid parameter or module name '{name}'.");
        if (_parameters.Any(p => p.Name == name) || _children.Any(c => c.Name == name))
            throw new ArgumentException($"Duplicate name '{name}' in {GetType().Name}.");
    }
}
