using Google.Protobuf;
using SuperRes.Tensors;
using SuperRes.Tensors.Nn;
using Proto = global::Onnx;

namespace SuperRes.Onnx.Export;

/// <summary>
/// Builds an ONNX graph the way a network's forward pass reads: each method takes the engine's
/// layer (or an op's settings) and the name of its input value, adds the node with the layer's
/// weights as initializers, and returns the name of its output value. Shapes are [n, c, h, w]
/// with n, h and w dynamic.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private readonly Proto.GraphProto _graph = new() { Name = "superres" };
    private int _next;

    public Proto.GraphProto Graph => _graph;

    /// <summary>Declares the float input [n, channels, height, width].</summary>
    public string Input(string name, int channels)
    {
        _graph.Input.Add(ValueInfo(name, channels, "height", "width"));
        return name;
    }

    /// <summary>Declares <paramref name="value"/> as the graph output <paramref name="name"/>, [n, channels, height*scale, width*scale].</summary>
    public void Output(string value, string name, int channels, int scale)
    {
        value = Node("Identity", [value], name);
        _graph.Output.Add(ValueInfo(value, channels, $"height*{scale}", $"width*{scale}"));
    }

    public string Conv(Conv2d conv, string x)
    {
        var p = conv.Padding;
        string[] inputs = conv.Bias is null ? [x, Weight(conv.Weight)] : [x, Weight(conv.Weight), Weight(conv.Bias)];
        return Node("Conv", inputs, null,
            Ints("kernel_shape", conv.Weight.Size(2), conv.Weight.Size(3)),
            Ints("strides", conv.Stride, conv.Stride),
            Ints("pads", p.Top, p.Left, p.Bottom, p.Right));
    }

    /// <summary>A transposed convolution; <paramref name="cropEnd"/> more rows and columns are cropped at the bottom and right (MatConvNet's crop).</summary>
    public string ConvTranspose(ConvTranspose2d conv, string x, int cropEnd = 0)
    {
        string[] inputs = conv.Bias is null ? [x, Weight(conv.Weight)] : [x, Weight(conv.Weight), Weight(conv.Bias)];
        int p = conv.Padding;
        return Node("ConvTranspose", inputs, null,
            Ints("kernel_shape", conv.Weight.Size(2), conv.Weight.Size(3)),
            Ints("strides", conv.Stride, conv.Stride),
            Ints("pads", p, p, p + cropEnd, p + cropEnd),
            Ints("output_padding", conv.OutputPadding, conv.OutputPadding));
    }

    /// <summary>
    /// A transposed convolution followed by LeakyReLU(<paramref name="slope"/>), when its output is
    /// exactly stride times its input, as a convolution with one output per phase and the LeakyReLU,
    /// left on the phase grid (<see cref="SubPixelWeights"/>; <see cref="PixelShuffle"/> with the
    /// stride gives the map, and the activation commutes with the shuffle); ONNX Runtime runs that
    /// convolution in its blocked layout with the activation fused, faster than its ConvTranspose.
    /// Null when the layer's shape does not allow it.
    /// </summary>
    public string? SubPixelConvTransposeLeakyRelu(ConvTranspose2d conv, string x, float slope, int cropEnd = 0)
    {
        int k = conv.Weight.Size(2), s = conv.Stride, p = conv.Padding;
        if (conv.Weight.Size(3) != k || !SubPixelWeights.Applies(k, s, p, cropEnd, conv.OutputPadding)) return null;
        var (min, max) = SubPixelWeights.Offsets(k, s, p);
        if (min > 0 || max < 0) return null;
        int cin = conv.Weight.Size(0), cout = conv.Weight.Size(1), taps = max - min + 1;
        var w = Constant(SubPixelWeights.Weights(conv.Weight.ToArray(), cin, cout, k, s, p), cout * s * s, cin, taps, taps);
        var y = Node("Conv", [x, w, .. PhaseBias(conv.Bias, s)], null, Ints("kernel_shape", taps, taps), Ints("pads", -min, -min, max, max));
        return LeakyRelu(y, slope);
    }

    /// <summary>
    /// A "same" convolution (odd square kernel, padding half of it, stride 1) of the map that
    /// <paramref name="phases"/> becomes after a pixel shuffle by <paramref name="factor"/>, computed
    /// on the phase grid and shuffled after: only its own (narrow) output is shuffled.
    /// </summary>
    public string ConvOnPhases(Conv2d conv, string phases, int factor)
    {
        int k = conv.Weight.Size(2), cout = conv.Weight.Size(0), cin = conv.Weight.Size(1);
        var pad = conv.Padding;
        if (conv.Weight.Size(3) != k || k % 2 == 0 || conv.Stride != 1 || pad.Top != k / 2 || pad.Left != k / 2 || pad.Bottom != k / 2 || pad.Right != k / 2)
            return Conv(conv, PixelShuffle(phases, factor));
        var (min, max) = SubPixelWeights.PhaseOffsets(k, factor);
        int taps = max - min + 1, n = factor * factor;
        var w = Constant(SubPixelWeights.PhaseConvWeights(conv.Weight.ToArray(), cin, cout, k, factor), cout * n, cin * n, taps, taps);
        var y = Node("Conv", [phases, w, .. PhaseBias(conv.Bias, factor)], null, Ints("kernel_shape", taps, taps), Ints("pads", -min, -min, max, max));
        return PixelShuffle(y, factor);
    }

    /// <summary>Each channel's bias repeated for its s² phases (none without a bias).</summary>
    private string[] PhaseBias(Tensor? bias, int s)
    {
        if (bias is null) return [];
        var b = bias.ToArray();
        return [Constant(Enumerable.Range(0, b.Length * s * s).Select(i => b[i / (s * s)]).ToArray(), b.Length * s * s)];
    }

    public string Relu(string x) => Node("Relu", [x]);

    public string LeakyRelu(string x, float slope) => Node("LeakyRelu", [x], null, Float("alpha", slope));

    /// <summary>PReLU with one slope per channel (the slopes become [c, 1, 1] to broadcast over [n, c, h, w]).</summary>
    public string PRelu(PReLU prelu, string x)
    {
        var slope = prelu.Weight.ToArray();
        return Node("PRelu", [x, Constant(slope, slope.Length, 1, 1)]);
    }

    public string Add(string a, string b) => Node("Add", [a, b]);

    public string Sub(string a, string b) => Node("Sub", [a, b]);

    public string MulScalar(string x, float factor) => Node("Mul", [x, Constant([factor])]);

    public string AddScalar(string x, float value) => Node("Add", [x, Constant([value])]);

    public string Mul(string a, string b) => Node("Mul", [a, b]);

    public string Sigmoid(string x) => Node("Sigmoid", [x]);

    /// <summary>SiLU, x * sigmoid(x) (opset 17 has no single op for it).</summary>
    public string Silu(string x) => Mul(x, Sigmoid(x));

    /// <summary>PyTorch's nearest upsampling (source pixel floor(out / factor)): Resize, asymmetric coordinates, floor.</summary>
    public string UpsampleNearest(string x, int factor) =>
        Node("Resize", [x, "", Constant([1f, 1f, factor, factor], 4)], null,
            String("mode", "nearest"), String("coordinate_transformation_mode", "asymmetric"), String("nearest_mode", "floor"));

    /// <summary>
    /// PyTorch's pixel unshuffle (channel c * r² + i * r + j holds offset (i, j) of channel c):
    /// SpaceToDepth, whose channels come blocks first ((i * r + j) * C + c), then a Gather that
    /// puts them in PyTorch's order.
    /// </summary>
    public string PixelUnshuffle(string x, int channels, int factor)
    {
        int blocks = factor * factor;
        var order = new long[channels * blocks];
        for (int k = 0; k < order.Length; k++) order[k] = (long)(k % blocks) * channels + k / blocks;
        var depth = Node("SpaceToDepth", [x], null, Int("blocksize", factor));
        return Node("Gather", [depth, Int64s(order)], null, Int("axis", 1));
    }

    /// <summary>PyTorch's pixel shuffle: ONNX DepthToSpace in CRD mode.</summary>
    public string PixelShuffle(string x, int factor) =>
        Node("DepthToSpace", [x], null, Int("blocksize", factor), String("mode", "CRD"));

    /// <summary>Keeps the first rows and columns of <paramref name="x"/>, as many as <paramref name="like"/> has (dynamic sizes).</summary>
    public string CropTo(string x, string like)
    {
        var size = Node("Shape", [like], null, Int("start", 2), Int("end", 4));
        return Node("Slice", [x, Int64s([0, 0]), size, Int64s([2, 3])]);
    }

    /// <summary>
    /// MATLAB-exact bicubic upscaling (imresize, see <see cref="BicubicPhases"/>): two pixels of
    /// symmetric padding on each side, then for every channel one 5x5 filter per output phase and a
    /// pixel shuffle. Needs at least 2 rows and columns, as tiles always have.
    /// </summary>
    public string Bicubic(string x, int channels, int scale)
    {
        var padded = SymmetricPad2(SymmetricPad2(x, 2), 3);
        var phases = Constant(BicubicPhases.Filters(channels, scale), channels * scale * scale, 1, 5, 5);
        var y = Node("Conv", [padded, phases], null, Ints("kernel_shape", 5, 5), Int("group", channels));
        return PixelShuffle(y, scale);
    }

    /// <summary>Pads <paramref name="axis"/> by 2 on each side with its mirror image, edge included (x1 x0 | x0 x1 ... xn xn-1 | xn xn-1).</summary>
    private string SymmetricPad2(string x, int axis)
    {
        var before = Node("Slice", [x, Int64s([1]), Int64s([long.MinValue]), Int64s([axis]), Int64s([-1])]);
        var after = Node("Slice", [x, Int64s([-1]), Int64s([-3]), Int64s([axis]), Int64s([-1])]);
        return Concat(axis, before, x, after);
    }

    public string Concat(int axis, params string[] values) => Node("Concat", values, null, Int("axis", axis));

    /// <summary>A float tensor with the engine tensor's shape and values.</summary>
    public string Weight(Tensor t)
    {
        var dims = new long[t.Rank];
        for (int i = 0; i < dims.Length; i++) dims[i] = t.Size(i);
        return Constant(t.ToArray(), dims);
    }

    public string Constant(float[] values, params long[] dims)
    {
        var tensor = new Proto.TensorProto { Name = NewName("w"), DataType = (int)Proto.TensorProto.Types.DataType.Float };
        tensor.Dims.Add(dims);
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length); // raw_data is little-endian, as .NET on every platform it runs
        tensor.RawData = ByteString.CopyFrom(bytes);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    public string Int64s(long[] values)
    {
        var tensor = new Proto.TensorProto { Name = NewName("i"), DataType = (int)Proto.TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.Add(values);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Adds a node; returns its output's name (<paramref name="output"/> or a fresh one).</summary>
    public string Node(string op, string[] inputs, string? output = null, params Proto.AttributeProto[] attributes)
    {
        var node = new Proto.NodeProto { OpType = op, Name = NewName(op) };
        node.Input.Add(inputs);
        node.Output.Add(output ?? NewName(op.ToLowerInvariant()));
        node.Attribute.Add(attributes);
        _graph.Node.Add(node);
        return node.Output[0];
    }

    private string NewName(string hint) => $"{hint}_{_next++}";

    private static Proto.ValueInfoProto ValueInfo(string name, int channels, string height, string width)
    {
        var shape = new Proto.TensorShapeProto();
        shape.Dim.Add(new Proto.TensorShapeProto.Types.Dimension { DimParam = "n" });
        shape.Dim.Add(new Proto.TensorShapeProto.Types.Dimension { DimValue = channels });
        shape.Dim.Add(new Proto.TensorShapeProto.Types.Dimension { DimParam = height });
        shape.Dim.Add(new Proto.TensorShapeProto.Types.Dimension { DimParam = width });
        var type = new Proto.TypeProto
        {
            TensorType = new Proto.TypeProto.Types.Tensor { ElemType = (int)Proto.TensorProto.Types.DataType.Float, Shape = shape },
        };
        return new Proto.ValueInfoProto { Name = name, Type = type };
    }

    private static Proto.AttributeProto Ints(string name, params long[] values)
    {
        var a = new Proto.AttributeProto { Name = name, Type = Proto.AttributeProto.Types.AttributeType.Ints };
        a.Ints.Add(values);
        return a;
    }

    private static Proto.AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = Proto.AttributeProto.Types.AttributeType.Int, I = value };

    private static Proto.AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = Proto.AttributeProto.Types.AttributeType.Float, F = value };

    private static Proto.AttributeProto String(string name, string value) =>
        new() { Name = name, Type = Proto.AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };
}
