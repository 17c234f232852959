namespace SuperRes.Weights;

/// <summary>
/// One MATLAB array read from a MAT-file: its name (empty inside cells and structs), class and
/// dimensions. Elements are stored column-major, as MATLAB does.
/// </summary>
public abstract class MatArray
{
    private protected MatArray(string name, int[] dimensions)
    {
        Name = name;
        Dimensions = dimensions;
        long count = 1;
        foreach (var d in dimensions) count *= d;
        Count = count;
    }

    public string Name { get; }

    /// <summary>MATLAB dimensions, at least two (a scalar is 1x1).</summary>
    public IReadOnlyList<int> Dimensions { get; }

    /// <summary>Number of elements: the product of the dimensions.</summary>
    public long Count { get; }

    public abstract MatClass Class { get; }

    public bool IsEmpty => Count == 0;
}
