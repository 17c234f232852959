namespace SuperRes.Onnx;

/// <summary>A graph input or output: its name, element type and shape (-1 where a dimension is dynamic, named in <see cref="DimensionNames"/>).</summary>
public sealed record OnnxTensorInfo(string Name, string ElementType, IReadOnlyList<long> Shape, IReadOnlyList<string?> DimensionNames)
{
    public bool IsFloat => ElementType == "float";

    /// <summary>"[n, 3, height, width]"-style text for messages.</summary>
    public string ShapeText => Shape.Count == 0 && ElementType == "?"
        ? "unknown"
        : "[" + string.Join(", ", Shape.Select((d, i) => d >= 0 ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : DimensionNames[i] ?? "?")) + "]";
}
