using System.Text;
using SuperRes.Tensors.Serialization;

namespace SuperRes.Tensors.Tests;

public sealed class SafeTensorsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("st-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void SaveLoad_RoundTrip_KeepsNamesShapesValuesMetadata()
    {
        var rng = new Rng(9);
        var a = Tensor.RandomNormal(rng, 0, 1, 2, 3, 5, 7).Persist();
        var b = Tensor.RandomNormal(rng, 0, 1, 3).Persist();
        var empty = Tensor.Empty(0, 4).Persist();
        string path = Path.Combine(_dir, "m.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["body.0.weight"] = a, ["body.0.bias"] = b, ["e"] = empty },
            new Dictionary<string, string> { ["scale"] = "4" });
        using var file = SafeTensors.Load(path);
        Assert.Equal(a.ToArray(), file.Tensors["body.0.weight"].ToArray());
        Assert.Equal(a.Shape.ToArray(), file.Tensors["body.0.weight"].Shape.ToArray());
        Assert.Equal(b.ToArray(), file.Tensors["body.0.bias"].ToArray());
        Assert.Equal(new[] { 0, 4 }, file.Tensors["e"].Shape.ToArray());
        Assert.Equal("4", file.Metadata["scale"]);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
        // Header length is a multiple of 8 so the data is aligned.
        Assert.Equal(0, BitConverter.ToInt64(File.ReadAllBytes(path), 0) % 8);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("huge-header")]
    [InlineData("bad-json")]
    [InlineData("bad-dtype")]
    [InlineData("offsets-past-end")]
    [InlineData("size-mismatch")]
    public void Load_CorruptFile_ThrowsNamingFile(string kind)
    {
        string path = Path.Combine(_dir, kind + ".safetensors");
        byte[] bytes = kind switch
        {
            "short" => [1, 2, 3],
            "huge-header" => [.. BitConverter.GetBytes(long.MaxValue), .. "{}"u8.ToArray()],
            "bad-json" => Build("{not json", 0),
            "bad-dtype" => Build("{\"w\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4),
            "offsets-past-end" => Build("{\"w\":{\"dtype\":\"F32\",\"shape\":[1000000],\"data_offsets\":[0,4000000]}}", 8),
            _ => Build("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8),
        };
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<SafeTensorsException>(() => SafeTensors.Load(path));
        Assert.Contains(path, e.Message);
    }

    private static byte[] Build(string header, int dataBytes)
    {
        var h = Encoding.UTF8.GetBytes(header);
        return [.. BitConverter.GetBytes((long)h.Length), .. h, .. new byte[dataBytes]];
    }
}
