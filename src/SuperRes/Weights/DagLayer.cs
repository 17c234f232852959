namespace SuperRes.Weights;

/// <summary>
/// One layer of a MatConvNet DagNN: its class (<c>dagnn.Conv</c>, <c>dagnn.ConvTranspose</c>, ...),
/// the variables it reads and writes, the parameters it uses, and its block settings
/// (<c>size</c>, <c>pad</c>, <c>stride</c>, <c>upsample</c>, <c>crop</c>, <c>leak</c>, <c>hasBias</c> ...).
/// </summary>
public sealed class DagLayer
{
    internal DagLayer(string name, string type, string[] inputs, string[] outputs, string[] parameters,
        IReadOnlyDictionary<string, MatArray> block)
    {
        Name = name;
        Type = type;
        Inputs = inputs;
        Outputs = outputs;
        Params = parameters;
        Block = block;
    }

    public string Name { get; }
    public string Type { get; }
    public IReadOnlyList<string> Inputs { get; }
    public IReadOnlyList<string> Outputs { get; }
    public IReadOnlyList<string> Params { get; }

    /// <summary>The raw block settings, by field name.</summary>
    public IReadOnlyDictionary<string, MatArray> Block { get; }

    /// <summary>A numeric or logical block setting as doubles, or null when absent or not numeric.</summary>
    public double[]? GetValues(string key) =>
        Block.TryGetValue(key, out var a) && a is MatNumericArray m ? m.ToDoubleArray() : null;

    /// <summary>A numeric setting as integers (sizes, pads, strides, crops), or null.</summary>
    public int[]? GetInts(string key) => GetValues(key)?.Select(v => (int)Math.Round(v)).ToArray();

    public override string ToString() =>
        $"{Name} ({Type}) [{string.Join(", ", Inputs)}] -> [{string.Join(", ", Outputs)}]";
}
