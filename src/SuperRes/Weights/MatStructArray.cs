namespace SuperRes.Weights;

/// <summary>A struct array: every element has the same fields; elements are column-major.</summary>
public sealed class MatStructArray : MatArray
{
    private readonly MatArray[][] _values;
    private readonly Dictionary<string, int> _fieldIndex;

    internal MatStructArray(string name, int[] dimensions, string[] fieldNames, MatArray[][] values)
        : base(name, dimensions)
    {
        FieldNames = fieldNames;
        _values = values;
        _fieldIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < fieldNames.Length; i++) _fieldIndex.TryAdd(fieldNames[i], i);
    }

    public override MatClass Class => MatClass.Struct;

    public IReadOnlyList<string> FieldNames { get; }

    public bool HasField(string field) => _fieldIndex.ContainsKey(field);

    /// <summary>Field <paramref name="field"/> of element <paramref name="index"/>.</summary>
    public MatArray this[int index, string field]
    {
        get
        {
            if (!_fieldIndex.TryGetValue(field, out int f))
                throw new KeyNotFoundException($"Struct '{Name}' has no field '{field}' (fields: {string.Join(", ", FieldNames)}).");
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _values.Length);
            return _values[index][f];
        }
    }

    /// <summary>Field <paramref name="field"/> of the first element (for scalar structs).</summary>
    public MatArray this[string field] => this[0, field];

    public override string ToString() => $"Struct [{string.Join('x', Dimensions)}] '{Name}' {{{string.Join(", ", FieldNames)}}}";
}
