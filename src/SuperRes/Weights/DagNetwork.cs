namespace SuperRes.Weights;

/// <summary>A MatConvNet DagNN read from a MAT-file: its layers in file order and its parameters by name.</summary>
public sealed class DagNetwork
{
    internal DagNetwork(IReadOnlyList<DagLayer> layers, IReadOnlyDictionary<string, DagParam> parameters)
    {
        Layers = layers;
        Params = parameters;
    }

    public IReadOnlyList<DagLayer> Layers { get; }
    public IReadOnlyDictionary<string, DagParam> Params { get; }

    /// <summary>The layer named <paramref name="name"/>.</summary>
    public DagLayer GetLayer(string name) =>
        Layers.FirstOrDefault(l => l.Name == name) ?? throw new KeyNotFoundException($"DagNN has no layer '{name}'.");

    /// <summary>Layers of one type, e.g. <c>dagnn.Conv</c>.</summary>
    public IEnumerable<DagLayer> LayersOfType(string type) => Layers.Where(l => l.Type == type);
}
