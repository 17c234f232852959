using SuperRes.OnnxRuntime;
using Proto = global::Onnx;

namespace SuperRes.Onnx.Tests;

/// <summary>Files that are not ONNX, or not image-to-image super-resolution: a clear error naming the file and what was found.</summary>
public sealed class OnnxRejectionTests
{
    private static readonly long[] Image = [-1, 1, -1, -1];

    [Fact]
    public void Parse_Garbage_SaysNotOnnx()
    {
        var e = Assert.Throws<OnnxFormatException>(() => OnnxModelInfo.Parse("this is not a protobuf\xff\xff"u8.ToArray(), "junk.onnx"));
        Assert.StartsWith("junk.onnx: not an ONNX model", e.Message);
    }

    [Fact]
    public void Parse_Empty_SaysNotOnnx()
    {
        var e = Assert.Throws<OnnxFormatException>(() => OnnxModelInfo.Parse([], "empty.onnx"));
        Assert.Equal("empty.onnx: not an ONNX model (no graph or IR version)", e.Message);
    }

    [Fact]
    public void Signature_TwoInputs_NamesThem()
    {
        var bytes = OnnxModelFiles.OneNode("Add", [("a", Image), ("b", Image)], Image);
        var e = Assert.Throws<OnnxFormatException>(() => OnnxImageSignature.From(OnnxModelInfo.Parse(bytes, "two.onnx")));
        Assert.Contains("two.onnx: not an image-to-image model: it has 2 inputs ('a' [d0, 1, d2, d3], 'b' [d0, 1, d2, d3])", e.Message);
    }

    [Fact]
    public void Signature_DynamicChannels_SaysItCannotTell()
    {
        var bytes = OnnxModelFiles.OneNode("Identity", [("x", [-1, -1, -1, -1])], [-1, -1, -1, -1]);
        var e = Assert.Throws<OnnxFormatException>(() => OnnxImageSignature.From(OnnxModelInfo.Parse(bytes, "c.onnx")));
        Assert.Contains("dynamic channel dimension", e.Message);
    }

    [Fact]
    public void Signature_FixedSize_SaysItCannotBeTiled()
    {
        var bytes = OnnxModelFiles.OneNode("Identity", [("x", [1, 3, 224, 224])], [1, 3, 224, 224]);
        var e = Assert.Throws<OnnxFormatException>(() => OnnxImageSignature.From(OnnxModelInfo.Parse(bytes, "fixed.onnx")));
        Assert.Contains("fixed size [1, 3, 224, 224]", e.Message);
    }

    [Fact]
    public void Signature_Classifier_SaysNotAnImage()
    {
        var bytes = OnnxModelFiles.OneNode("Flatten", [("x", Image)], [-1, -1]);
        var e = Assert.Throws<OnnxFormatException>(() => OnnxImageSignature.From(OnnxModelInfo.Parse(bytes, "cls.onnx")));
        Assert.Contains("output 'y' has shape [d0, d1]", e.Message);
    }

    [Fact]
    public void Signature_IntegerInput_SaysFloatExpected()
    {
        var bytes = OnnxModelFiles.OneNode("Identity", [("x", Image)], Image, Proto.TensorProto.Types.DataType.Int64);
        var e = Assert.Throws<OnnxFormatException>(() => OnnxImageSignature.From(OnnxModelInfo.Parse(bytes, "int.onnx")));
        Assert.Contains("input 'x' is int64", e.Message);
    }

    [Fact]
    public void Load_UnknownOperator_SaysOnnxRuntimeCannotLoadIt()
    {
        var path = Temp(OnnxModelFiles.OneNode("NoSuchOperator", [("x", Image)], Image));
        try
        {
            var e = Assert.Throws<OnnxFormatException>(() => OnnxRuntimeNetwork.Load(path, 1));
            Assert.StartsWith($"{path}: ONNX Runtime cannot load it", e.Message);
            Assert.DoesNotContain("\n", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_SameSizeOutput_SaysNotAnUpscaler()
    {
        var path = Temp(OnnxModelFiles.OneNode("Relu", [("x", Image)], Image));
        try
        {
            var e = Assert.Throws<OnnxFormatException>(() => OnnxRuntimeNetwork.Load(path, 1));
            Assert.Contains("not an image-to-image upscaler: output 'y' is [1, 1, 16, 20] for a [1, 1, 16, 20] input", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Temp(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"superres-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
