using Google.Protobuf;
using SuperRes.Models.Fgdl;
using SuperRes.Inference;
using SuperRes.Losses;
using SuperRes.Models;
using SuperRes.OnnxRuntime;
using SuperRes.Processing;
using SuperRes.Tensors;
using Proto = global::Onnx;

namespace SuperRes.Onnx.Tests;

/// <summary>ONNX models without our metadata (scales probed, range from metadata) and networks with FGDL heads.</summary>
public sealed class OnnxRuntimeNetworkTests
{
    [Fact]
    public void Load_NoMetadata_ProbesEveryOutputsScale()
    {
        using var model = new LapSrn(new LapSrnOptions { Scale = 8, Width = 4, Depth = 1 }, new Rng(1));
        var proto = Proto.ModelProto.Parser.ParseFrom(OnnxExporter.Export(model));
        proto.MetadataProps.Clear();
        var path = Temp(proto.ToByteArray());
        try
        {
            using var network = OnnxRuntimeNetwork.Load(path, 1);
            Assert.Equal([2, 4, 8], network.Scales);
            Assert.Equal(1, network.Channels);
            Assert.Equal(Path.GetFileNameWithoutExtension(path), network.Name);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Upscaler_OurRrdbNetInOnnxRuntime_TakesTheDeclaredTiling_WithoutProbing()
    {
        // Without the tiling metadata the tiler probes the receptive field with forward passes on
        // growing inputs (minutes for the 23-block network); with it, one tile costs one pass.
        using var model = new RrdbNet(new RrdbNetOptions { Scale = 4, Width = 4, Blocks = 2, GrowthChannels = 2 }, new Rng(7));
        using var ort = OnnxRuntimeNetwork.FromModel(model, "rrdbnet", 1);
        var counted = new CountingNetwork(ort);
        var upscaler = new Upscaler(counted, 4, new UpscalerOptions { TileSize = 12, Overlap = 0 });
        var planes = Enumerable.Range(0, 3).Select(c => new Plane(12, 10, Enumerable.Range(0, 120).Select(i => (float)((i * 7 + c * 31) % 256)).ToArray())).ToArray();

        var actual = upscaler.UpscalePlanes(planes);

        Assert.Equal((34, 1), ort.KnownTiling);
        Assert.Equal(34, upscaler.ReceptiveField);
        Assert.Equal(1, counted.Runs);
        var expected = new Upscaler(model, 4, new UpscalerOptions { TileSize = 12, Overlap = 0 }).UpscalePlanes(planes);
        for (int c = 0; c < 3; c++)
            for (int i = 0; i < expected[c].Data.Length; i++)
                Assert.True(Math.Abs(expected[c].Data[i] - actual[c].Data[i]) <= 255e-4, $"plane {c} pixel {i}: {expected[c].Data[i]} vs {actual[c].Data[i]}");
    }

    /// <summary>Counts the forward passes of the network it wraps.</summary>
    private sealed class CountingNetwork(IInferenceNetwork inner) : IInferenceNetwork
    {
        public int Runs { get; private set; }

        public string Name => inner.Name;

        public int Channels => inner.Channels;

        public IReadOnlyList<int> Scales => inner.Scales;

        public double? BytesPerInputPixel(int scale) => inner.BytesPerInputPixel(scale);

        public (int Radius, int Alignment)? KnownTiling => inner.KnownTiling;

        public float[] Run(float[] input, int height, int width, int scale)
        {
            Runs++;
            return inner.Run(input, height, width, scale);
        }
    }

    [Fact]
    public void Run_ValueRange255_MapsInputAndOutput()
    {
        // The same network with its input divided and its output multiplied by 255 inside the graph,
        // declared as a 0..255 model: from outside it must behave exactly as the 0..1 one.
        using var model = new Fsrcnn(new FsrcnnOptions { Scale = 2, Width = 4, Shrink = 2, Depth = 1 }, new Rng(2));
        var proto = Proto.ModelProto.Parser.ParseFrom(OnnxExporter.Export(model));
        var graph = proto.Graph;
        Rewire(graph, "input", "input_unit", "Div");
        Rewire(graph, "output", "output_unit", "Mul", producer: true);
        proto.MetadataProps.Single(p => p.Key == OnnxMetadata.ValueRangeKey).Value = "0,255";
        var path = Temp(proto.ToByteArray());
        try
        {
            using var scaled = OnnxRuntimeNetwork.Load(path, 1);
            var engine = new EngineNetwork(model);
            var x = Enumerable.Range(0, 7 * 9).Select(i => (i % 11) / 10f).ToArray();
            var expected = engine.Run(x, 7, 9, 2);
            var actual = scaled.Run(x, 7, 9, 2);
            for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4, $"pixel {i}: {expected[i]} vs {actual[i]}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(FgdlVariant.Auxiliary)]
    [InlineData(FgdlVariant.ClassModule)]
    public void Export_FgdlNetwork_IsThePlainNetwork(FgdlVariant variant)
    {
        using var lapSrn = new LapSrn(new LapSrnOptions { Scale = 4, Width = 4, Depth = 1 }, new Rng(3));
        using var fgdl = FgdlNetwork.Create(lapSrn, new FgdlOptions { Variant = variant }, new Rng(4));
        using var ort = OnnxRuntimeNetwork.FromModel(fgdl, "fgdl", 1);
        var plain = new EngineNetwork(lapSrn);
        var x = Enumerable.Range(0, 9 * 5).Select(i => (i * 7 % 13) / 12f).ToArray();
        var expected = plain.Run(x, 9, 5, 4);
        var actual = ort.Run(x, 9, 5, 4);
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4, $"pixel {i}: {expected[i]} vs {actual[i]}");
    }

    /// <summary>Inserts <c>op(value, 255)</c>: after the graph input <paramref name="value"/>, or (producer) before the graph output.</summary>
    private static void Rewire(Proto.GraphProto graph, string value, string renamed, string op, bool producer = false)
    {
        var k = new Proto.TensorProto { Name = value + "_255", DataType = (int)Proto.TensorProto.Types.DataType.Float };
        k.FloatData.Add(255f);
        graph.Initializer.Add(k);
        var node = new Proto.NodeProto { OpType = op, Name = value + "_" + op };
        if (producer)
        {
            foreach (var n in graph.Node)
                for (int i = 0; i < n.Output.Count; i++)
                    if (n.Output[i] == value) n.Output[i] = renamed;
            node.Input.Add([renamed, k.Name]);
            node.Output.Add(value);
            graph.Node.Add(node);
        }
        else
        {
            foreach (var n in graph.Node)
                for (int i = 0; i < n.Input.Count; i++)
                    if (n.Input[i] == value) n.Input[i] = renamed;
            node.Input.Add([value, k.Name]);
            node.Output.Add(renamed);
            graph.Node.Insert(0, node);
        }
    }

    private static string Temp(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"superres-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
