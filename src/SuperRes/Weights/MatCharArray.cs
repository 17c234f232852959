namespace SuperRes.Weights;

/// <summary>A char array. A 1xN array is a string; an MxN array holds M strings of length N (rows).</summary>
public sealed class MatCharArray : MatArray
{
    private readonly char[] _chars;

    internal MatCharArray(string name, int[] dimensions, char[] columnMajorChars)
        : base(name, dimensions)
    {
        _chars = columnMajorChars;
    }

    public override MatClass Class => MatClass.Char;

    /// <summary>The text of a row vector (or of all rows joined for a matrix).</summary>
    public string Value => Dimensions.Count == 2 && Dimensions[0] > 1
        ? string.Concat(Enumerable.Range(0, Dimensions[0]).Select(GetRow))
        : new string(_chars);

    /// <summary>Row <paramref name="row"/> of a 2-D char matrix (elements are stored column-major).</summary>
    public string GetRow(int row)
    {
        int rows = Dimensions[0];
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, rows);
        int columns = (int)(Count / Math.Max(rows, 1));
        var chars = new char[columns];
        for (int c = 0; c < columns; c++) chars[c] = _chars[c * rows + row];
        return new string(chars);
    }

    public override string ToString() => $"Char [{string.Join('x', Dimensions)}] '{Name}' = \"{Value}\"";
}
