using SuperRes.Models;
using SuperRes.Tensors;

namespace SuperRes.Onnx.Tests;

/// <summary>What an export declares: opset, IR version, dynamic input and outputs, and metadata that reads back as written.</summary>
public sealed class OnnxExporterTests
{
    [Fact]
    public void Export_LapSrnRgb_MetadataRoundTrips()
    {
        using var model = new LapSrn(new LapSrnOptions { Scale = 4, Channels = 3, Width = 4, Depth = 1 }, new Rng(1));

        var info = OnnxModelInfo.Parse(OnnxExporter.Export(model, "test weights"), "lapsrn.onnx");

        Assert.Equal(OnnxExporter.MetadataOf(model, "test weights") with { Scales = null }, info.Metadata with { Scales = null });
        Assert.Equal([2, 4], info.Metadata.Scales);
        Assert.Equal("2,4", info.Properties["scales"]);
        Assert.Equal("RGB", info.Properties["colour"]);
        Assert.Equal("0,1", info.Properties["value_range"]);
        Assert.Equal("lapsrn", info.Properties["architecture"]);
        Assert.Equal("test weights", info.Properties["provenance"]);
        Assert.Equal(4, KnownModels.LapSrn.ParseOptions(info.Properties["options"]).Scale);
        Assert.Equal(17, info.OpsetVersion);
        Assert.Equal(8, info.IrVersion);
        var input = Assert.Single(info.Inputs);
        Assert.Equal("input", input.Name);
        Assert.Equal([-1L, 3, -1, -1], input.Shape);
        Assert.Equal("[n, 3, height, width]", input.ShapeText);
        Assert.Equal(["output_x2", "output_x4"], info.Outputs.Select(o => o.Name));
        Assert.Equal("[n, 3, height*4, width*4]", info.Outputs[1].ShapeText);
    }

    [Fact]
    public void Export_SingleScaleModel_HasOneOutputAndItsScale()
    {
        using var model = new Fsrcnn(new FsrcnnOptions { Scale = 3, Width = 4, Shrink = 2, Depth = 1 }, new Rng(2));

        var info = OnnxModelInfo.Parse(OnnxExporter.Export(model), "fsrcnn.onnx");
        var signature = OnnxImageSignature.From(info);

        Assert.Equal("output", Assert.Single(info.Outputs).Name);
        Assert.Equal([3], info.Metadata.Scales);
        Assert.Equal("Y", info.Metadata.Colour);
        Assert.Equal(1, signature.Channels);
        Assert.Equal([(int?)3], signature.OutputScales);
        Assert.Equal((0f, 1f), signature.ValueRange);
    }

    [Fact]
    public void Save_WritesTheFileWhole()
    {
        using var model = new Vdsr(new VdsrOptions { Scale = 2, Width = 4, Depth = 3 }, new Rng(3));
        var path = Path.Combine(Path.GetTempPath(), $"superres-export-{Guid.NewGuid():N}.onnx");
        try
        {
            OnnxExporter.Save(model, path);
            Assert.Equal(OnnxExporter.Export(model), File.ReadAllBytes(path));
            Assert.False(File.Exists(path + ".tmp"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Export_RrdbNet_DeclaresItsTiling_OthersDoNot()
    {
        using var x4 = new RrdbNet(new RrdbNetOptions { Scale = 4, Width = 4, Blocks = 2, GrowthChannels = 2 }, new Rng(4));
        using var x2 = new RrdbNet(new RrdbNetOptions { Scale = 2, Width = 4, Blocks = 1, GrowthChannels = 2 }, new Rng(5));
        using var lapSrn = new LapSrn(new LapSrnOptions { Scale = 4, Width = 4, Depth = 1 }, new Rng(6));

        var infoX4 = OnnxModelInfo.Parse(OnnxExporter.Export(x4), "x4.onnx");
        var infoX2 = OnnxModelInfo.Parse(OnnxExporter.Export(x2), "x2.onnx");
        var infoLapSrn = OnnxModelInfo.Parse(OnnxExporter.Export(lapSrn), "lapsrn.onnx");

        // 2 + 15 per block + 1.25 pixels of the LR grid, times the unshuffle factor (1 at x4, 2 at x2), rounded up.
        Assert.Equal("34,1", infoX4.Properties["tiling"]);
        Assert.Equal((34, 1), infoX4.Metadata.Tiling);
        Assert.Equal((37, 2), infoX2.Metadata.Tiling);
        Assert.False(infoLapSrn.Properties.ContainsKey("tiling"));
        Assert.Null(infoLapSrn.Metadata.Tiling);
    }

    [Theory]
    [InlineData("tiling", "350")]
    [InlineData("tiling", "350,0")]
    [InlineData("tiling", "-1,1")]
    [InlineData("scales", "2,x")]
    [InlineData("scales", "0")]
    [InlineData("colour", "YCbCr")]
    [InlineData("value_range", "1,0")]
    [InlineData("value_range", "0")]
    public void FromProperties_MalformedValue_NamesTheKey(string key, string value)
    {
        var e = Assert.Throws<FormatException>(() => OnnxMetadata.FromProperties(new Dictionary<string, string> { [key] = value }));
        Assert.Contains(key, e.Message);
        Assert.Contains(value, e.Message);
    }

    [Fact]
    public void FromProperties_ValueRange255_Parses()
    {
        var metadata = OnnxMetadata.FromProperties(new Dictionary<string, string> { ["value_range"] = "0,255", ["scales"] = "4" });
        Assert.Equal((0f, 255f), metadata.ValueRange);
        Assert.Equal([4], metadata.Scales);
    }
}
