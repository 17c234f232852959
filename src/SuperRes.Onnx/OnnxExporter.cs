using Google.Protobuf;
using SuperRes.Models.Fgdl;
using SuperRes.Losses;
using SuperRes.Models;
using SuperRes.Onnx.Export;
using Proto = global::Onnx;

namespace SuperRes.Onnx;

/// <summary>
/// Writes a SuperRes network as an ONNX model (opset <see cref="Opset"/>): input <c>input</c>
/// [n, c, h, w] in [0, 1] with n, h and w dynamic; one output per pyramid level (<c>output_x2</c>,
/// <c>output_x4</c>, ...) or a single <c>output</c>; and <see cref="OnnxMetadata"/>. A network
/// with FGDL heads is written as the plain network it wraps (its Auxiliary-variant output).
/// </summary>
public static class OnnxExporter
{
    public const int Opset = 17;

    /// <summary>ONNX IR version 8 (ONNX 1.13, the release of opset 18): read by every current runtime.</summary>
    public const int IrVersion = 8;

    public static byte[] Export(SuperResolutionModel model, string? provenance = null) => Build(model, provenance).ToByteArray();

    /// <summary>Writes the model to <paramref name="path"/> (through a temporary file, so a failure leaves no half-written file).</summary>
    public static void Save(SuperResolutionModel model, string path, string? provenance = null)
    {
        var bytes = Export(model, provenance);
        var temp = path + ".tmp";
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>The metadata an export of <paramref name="model"/> carries.</summary>
    public static OnnxMetadata MetadataOf(SuperResolutionModel model, string? provenance = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var network = Plain(model);
        return new OnnxMetadata
        {
            Architecture = network.Architecture,
            Scales = network is IMultiLevelModel m ? Enumerable.Range(1, m.LevelCount).Select(l => 1 << l).ToArray() : [network.Scale],
            Colour = network.Channels == 1 ? "Y" : "RGB",
            ValueRange = (0f, 1f),
            Provenance = provenance ?? "SuperRes",
            Options = KnownModels.Get(network.Architecture).SerializeOptions(network.Options),
            Tiling = network.KnownTiling,
        };
    }

    internal static Proto.ModelProto Build(SuperResolutionModel model, string? provenance)
    {
        ArgumentNullException.ThrowIfNull(model);
        var network = Plain(model);
        var metadata = MetadataOf(model, provenance);
        var g = new OnnxGraphBuilder();
        var x = g.Input("input", network.Channels);
        var outputs = network switch
        {
            Srcnn m => SrcnnGraph.Emit(g, m, x),
            Fsrcnn m => FsrcnnGraph.Emit(g, m, x),
            Vdsr m => VdsrGraph.Emit(g, m, x),
            Edsr m => EdsrGraph.Emit(g, m, x),
            LapSrn m => LapSrnGraph.Emit(g, m, x),
            ResUNet m => ResUNetGraph.Emit(g, m, x),
            RrdbNet m => RrdbNetGraph.Emit(g, m, x),
            SrVggNetCompact m => SrVggNetCompactGraph.Emit(g, m, x),
            SpanNet m => SpanGraph.Emit(g, m, x),
            ResUNetLr m => ResUNetGraph.Emit(g, m, x),
            _ => throw new NotSupportedException($"No ONNX export for {network.Architecture} ({network.GetType().Name})."),
        };
        for (int i = 0; i < outputs.Length; i++)
            g.Output(outputs[i], outputs.Length == 1 ? "output" : $"output_x{metadata.Scales![i]}", network.Channels, metadata.Scales![i]);

        var proto = new Proto.ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "SuperRes",
            ProducerVersion = typeof(OnnxExporter).Assembly.GetName().Version?.ToString() ?? "",
            DocString = $"{network.Architecture} x{network.Scale}, {metadata.Colour} in [0, 1]",
            Graph = g.Graph,
        };
        proto.OpsetImport.Add(new Proto.OperatorSetIdProto { Domain = "", Version = Opset });
        foreach (var (key, value) in metadata.ToProperties())
            proto.MetadataProps.Add(new Proto.StringStringEntryProto { Key = key, Value = value });
        return proto;
    }

    /// <summary>The network that inference runs, without FGDL heads.</summary>
    private static SuperResolutionModel Plain(SuperResolutionModel model) => model switch
    {
        FgdlNetwork fgdl => fgdl.Network,
        FgdlFaithfulNetwork => throw new NotSupportedException(
            "ONNX export of the faithful FGDL reading is not supported: its readout needs per-pixel argmax areas (ArgMax, masks), which the exporter does not emit."),
        _ => model,
    };
}
