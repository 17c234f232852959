using SuperRes.Weights;
using static SuperRes.Tests.Weights.MatTestWriter;

namespace SuperRes.Tests.Weights;

public class MatConvNetImporterTests
{
    private static readonly string[] Fields = ["name", "type", "inputs", "outputs", "params", "block"];

    private static byte[] Layer(string name, string type, string input, string[] parameters, byte[] block) =>
        Concat(Text("", name), Text("", type), Cell("", [1, 1], Text("", input)), Cell("", [1, 1], Text("", name)),
            Cell("", [1, parameters.Length], parameters.Select(p => Text("", p)).ToArray()), block);

    private static byte[] TinyNet()
    {
        var layers = Struct("", [1, 3], Fields,
            Layer("conv", "dagnn.Conv", "x", ["conv_f", "conv_b"],
                Struct("", [1, 1], ["size", "pad"], Doubles("", [1, 4], [2, 2, 1, 2]), Doubles("", [1, 4], [0, 1, 0, 1]))),
            Layer("up", "dagnn.ConvTranspose", "conv", ["up_f"],
                Struct("", [1, 1], ["size", "crop"], Doubles("", [1, 4], [1, 1, 3, 2]), Doubles("", [1, 4], [1, 1, 1, 1]))),
            Layer("relu", "dagnn.ReLU", "up", [], Struct("", [1, 1], ["leak"], Doubles("", [1, 1], [0.2]))));
        var parameters = Struct("", [1, 3], ["name", "value"],
            Text("", "conv_f"), Singles("", [2, 2, 1, 2], [0, 1, 2, 3, 4, 5, 6, 7]),
            Text("", "conv_b"), Singles("", [1, 2], [10, 20]),
            // A 1x1x3x2 transposed filter: MATLAB drops no dimension here, values column-major.
            Text("", "up_f"), Singles("", [1, 1, 3, 2], [0, 1, 2, 3, 4, 5]));
        return File(Compressed(Struct("net", [1, 1], ["layers", "params"], layers, parameters)));
    }

    [Fact]
    public void FromMatFile_TinyNet_LayersAndBlockSettings()
    {
        var net = MatConvNetImporter.FromMatFile(MatFile.Read(TinyNet(), "tiny.mat"), "tiny.mat");
        Assert.Equal(["conv", "up", "relu"], net.Layers.Select(l => l.Name));
        var conv = net.GetLayer("conv");
        Assert.Equal("dagnn.Conv", conv.Type);
        Assert.Equal(["x"], conv.Inputs);
        Assert.Equal(["conv"], conv.Outputs);
        Assert.Equal(["conv_f", "conv_b"], conv.Params);
        Assert.Equal([0, 1, 0, 1], conv.GetInts("pad")!);
        Assert.Equal(0.2, net.GetLayer("relu").GetValues("leak")![0]);
        Assert.Empty(net.GetLayer("relu").Params);
    }

    [Fact]
    public void FromMatFile_ConvFilter_ConvertedToOutInKhKw()
    {
        var net = MatConvNetImporter.FromMatFile(MatFile.Read(TinyNet(), "tiny.mat"), "tiny.mat");
        var f = net.Params["conv_f"];
        Assert.Equal([2, 1, 2, 2], f.Shape);
        // t[o, 0, y, x] = m[y + 2 x + 4 o]
        Assert.Equal([0f, 2, 1, 3, 4, 6, 5, 7], f.Data);
        Assert.Equal([2], net.Params["conv_b"].Shape);
    }

    [Fact]
    public void FromMatFile_TransposedFilter_ConvertedToInOutKhKw()
    {
        var net = MatConvNetImporter.FromMatFile(MatFile.Read(TinyNet(), "tiny.mat"), "tiny.mat");
        var f = net.Params["up_f"];
        Assert.Equal([2, 3, 1, 1], f.Shape);
        // MATLAB H x W x OUT x IN: t[i, o] = m[o + 3 i]
        Assert.Equal([0f, 1, 2, 3, 4, 5], f.Data);
    }

    [Fact]
    public void FromMatFile_NoNetVariable_Throws()
    {
        var ex = Assert.Throws<MatFileException>(() =>
            MatConvNetImporter.FromMatFile(MatFile.Read(File(Doubles("x", [1, 1], [1])), "x.mat"), "x.mat"));
        Assert.Contains("'net'", ex.Message);
    }

    [PretrainedTheory]
    [InlineData("LapSRN_x2.mat", 1, 10)]
    [InlineData("LapSRN_x4.mat", 2, 10)]
    [InlineData("LapSRN_x8.mat", 3, 5)]
    public void Load_PublishedLapSrn_LayerCountsAndShapes(string fileName, int levels, int depth)
    {
        var net = MatConvNetImporter.Load(Path.Combine(TestPaths.Pretrained, fileName));
        // input conv + relu, then per level `depth` conv+relu, upconv+relu, residual, img_up, sum, loss.
        Assert.Equal(2 + (2 * depth + 6) * levels, net.Layers.Count);
        Assert.Equal(2 + (2 * depth + 5) * levels, net.Params.Count);
        Assert.Equal(depth * levels + levels + 1, net.LayersOfType("dagnn.Conv").Count());
        Assert.Equal(2 * levels, net.LayersOfType("dagnn.ConvTranspose").Count());
        Assert.Equal([64, 1, 3, 3], net.Params["input_conv_f"].Shape);
        Assert.Equal([64, 64, 3, 3], net.Params["level1_conv1_f"].Shape);
        Assert.Equal([64, 64, 3, 3], net.Params["level1_upconv_f"].Shape);
        Assert.Equal([1, 64, 3, 3], net.Params["level1_residual_conv_f"].Shape);
        Assert.Equal([1, 1, 4, 4], net.Params["level1_img_up_f"].Shape);
        Assert.Equal([64], net.Params["level1_conv1_b"].Shape);
        Assert.Equal([0, 1, 0, 1], net.GetLayer("level1_upconv").GetInts("crop")!);
        Assert.Equal([1, 1, 1, 1], net.GetLayer("level1_img_up").GetInts("crop")!);
        Assert.All(net.Params.Values, p => Assert.All(p.Data, v => Assert.True(float.IsFinite(v))));
    }
}
