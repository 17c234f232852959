namespace SuperRes.Weights;

/// <summary>
/// A named parameter of a DagNN, converted to row-major PyTorch layout: conv filters
/// [out, in, kh, kw], conv-transpose filters [in, out, kh, kw], biases [n].
/// </summary>
public sealed class DagParam
{
    internal DagParam(string name, float[] data, int[] shape, int[] matlabDimensions)
    {
        Name = name;
        Data = data;
        Shape = shape;
        MatlabDimensions = matlabDimensions;
    }

    public string Name { get; }

    /// <summary>Values, row-major in <see cref="Shape"/>.</summary>
    public float[] Data { get; }

    public IReadOnlyList<int> Shape { get; }

    /// <summary>Dimensions as stored in the file (column-major, trailing singletons dropped).</summary>
    public IReadOnlyList<int> MatlabDimensions { get; }

    public override string ToString() => $"{Name} [{string.Join(", ", Shape)}]";
}
