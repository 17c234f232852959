using Google.Protobuf;
using Proto = global::Onnx;

namespace SuperRes.Onnx.Tests;

/// <summary>Small hand-made ONNX graphs for the error paths: one node from input to output.</summary>
internal static class OnnxModelFiles
{
    /// <summary>A model whose graph runs <paramref name="op"/> on inputs named in <paramref name="inputs"/> (shape per input; -1 is dynamic).</summary>
    public static byte[] OneNode(string op, (string Name, long[] Shape)[] inputs, long[] outputShape, Proto.TensorProto.Types.DataType type = Proto.TensorProto.Types.DataType.Float)
    {
        var graph = new Proto.GraphProto { Name = "test" };
        foreach (var (name, shape) in inputs) graph.Input.Add(Value(name, shape, type));
        graph.Output.Add(Value("y", outputShape, type));
        var node = new Proto.NodeProto { OpType = op, Name = "n" };
        node.Input.Add(inputs.Select(i => i.Name));
        node.Output.Add("y");
        graph.Node.Add(node);
        var model = new Proto.ModelProto { IrVersion = 8, Graph = graph };
        model.OpsetImport.Add(new Proto.OperatorSetIdProto { Version = 17 });
        return model.ToByteArray();
    }

    private static Proto.ValueInfoProto Value(string name, long[] shape, Proto.TensorProto.Types.DataType type)
    {
        var s = new Proto.TensorShapeProto();
        foreach (var d in shape)
            s.Dim.Add(d >= 0 ? new Proto.TensorShapeProto.Types.Dimension { DimValue = d } : new Proto.TensorShapeProto.Types.Dimension { DimParam = $"d{s.Dim.Count}" });
        return new Proto.ValueInfoProto
        {
            Name = name,
            Type = new Proto.TypeProto { TensorType = new Proto.TypeProto.Types.Tensor { ElemType = (int)type, Shape = s } },
        };
    }
}
