using Google.Protobuf;
using Proto = global::Onnx;

namespace SuperRes.Onnx;

/// <summary>
/// What an ONNX file declares, read without running it: IR and opset versions, producer, the
/// graph's inputs and outputs (initializers excluded) and the metadata properties. Anything
/// unreadable throws <see cref="OnnxFormatException"/> naming the file.
/// </summary>
public sealed class OnnxModelInfo
{
    /// <summary>Protocol buffers cannot hold more; larger models keep their weights in external files, which we do not read.</summary>
    public const long MaxFileBytes = int.MaxValue;

    private OnnxModelInfo(string source, Proto.ModelProto model)
    {
        Source = source;
        IrVersion = model.IrVersion;
        Producer = (model.ProducerName + " " + model.ProducerVersion).Trim();
        OpsetVersion = model.OpsetImport.Where(o => o.Domain is "" or "ai.onnx").Select(o => o.Version).DefaultIfEmpty(0).Max();
        var initializers = model.Graph.Initializer.Select(t => t.Name).ToHashSet();
        Inputs = model.Graph.Input.Where(v => !initializers.Contains(v.Name)).Select(Describe).ToArray();
        Outputs = model.Graph.Output.Select(Describe).ToArray();
        WidestLayer = model.Graph.Initializer.Where(t => t.Dims.Count == 4).Select(t => Math.Max(t.Dims[0], t.Dims[1])).DefaultIfEmpty(0).Max();
        var properties = new Dictionary<string, string>();
        foreach (var p in model.MetadataProps) properties[p.Key] = p.Value;
        Properties = properties;
        try
        {
            Metadata = OnnxMetadata.FromProperties(properties);
        }
        catch (FormatException e)
        {
            throw new OnnxFormatException(source, e.Message);
        }
        if (model.Graph.Initializer.Any(t => t.DataLocation == Proto.TensorProto.Types.DataLocation.External))
            throw new OnnxFormatException(source, "the weights are in external data files, which SuperRes does not read; save the model as one file");
    }

    /// <summary>The file (or in-memory model) this came from, for messages.</summary>
    public string Source { get; }
    public long IrVersion { get; }
    public long OpsetVersion { get; }
    public string Producer { get; }
    public IReadOnlyList<OnnxTensorInfo> Inputs { get; }
    public IReadOnlyList<OnnxTensorInfo> Outputs { get; }
    public IReadOnlyDictionary<string, string> Properties { get; }

    /// <summary>The most channels any 4-D weight (a convolution's) has on either side; 0 when there is none.</summary>
    public long WidestLayer { get; }
    public OnnxMetadata Metadata { get; }

    public static OnnxModelInfo Read(string path)
    {
        long length;
        try
        {
            length = new FileInfo(path).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OnnxFormatException(path, e.Message, e);
        }
        if (length > MaxFileBytes) throw new OnnxFormatException(path, $"{length} bytes is more than an ONNX file without external data can hold");
        return Parse(File.ReadAllBytes(path), path);
    }

    public static OnnxModelInfo Parse(byte[] bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Proto.ModelProto model;
        try
        {
            model = Proto.ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new OnnxFormatException(source, $"not an ONNX model ({e.Message.TrimEnd('.')})", e);
        }
        if (model.Graph is null || model.IrVersion <= 0)
            throw new OnnxFormatException(source, "not an ONNX model (no graph or IR version)");
        return new OnnxModelInfo(source, model);
    }

    private static OnnxTensorInfo Describe(Proto.ValueInfoProto value)
    {
        if (value.Type?.TensorType is not { } tensor) return new OnnxTensorInfo(value.Name, "?", [], []);
        var type = Enum.IsDefined(typeof(Proto.TensorProto.Types.DataType), tensor.ElemType)
            ? ((Proto.TensorProto.Types.DataType)tensor.ElemType).ToString().ToLowerInvariant()
            : $"type {tensor.ElemType}";
        if (tensor.Shape is null) return new OnnxTensorInfo(value.Name, type, [], []);
        var shape = tensor.Shape.Dim.Select(d => d.ValueCase == Proto.TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? d.DimValue : -1L).ToArray();
        var names = tensor.Shape.Dim.Select(d => d.ValueCase == Proto.TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam ? d.DimParam : null).ToArray();
        return new OnnxTensorInfo(value.Name, type, shape, names);
    }
}
