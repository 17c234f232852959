namespace SuperRes.Weights;

/// <summary>A cell array: any arrays, column-major.</summary>
public sealed class MatCellArray : MatArray
{
    internal MatCellArray(string name, int[] dimensions, MatArray[] cells)
        : base(name, dimensions)
    {
        Cells = cells;
    }

    public override MatClass Class => MatClass.Cell;

    public IReadOnlyList<MatArray> Cells { get; }

    public MatArray this[int index] => Cells[index];

    public override string ToString() => $"Cell [{string.Join('x', Dimensions)}] '{Name}'";
}
