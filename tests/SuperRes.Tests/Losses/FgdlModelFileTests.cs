using SuperRes.Models.Fgdl;
using SuperRes.Inference;
using SuperRes.Losses;
using SuperRes.Models;
using SuperRes.Tensors;
using SuperRes.Tensors.Serialization;
using static SuperRes.Tests.Inference.InferenceTestModels;

namespace SuperRes.Tests.Losses;

/// <summary>A network with FGDL heads saves, loads and upscales like any other model.</summary>
public sealed class FgdlModelFileTests
{
    private static FgdlNetwork TinyFgdl(FgdlVariant variant = FgdlVariant.ClassModule) =>
        FgdlNetwork.Create(TinyLapSrn(scale: 4), new FgdlOptions { Bins = 8, Variant = variant, FixedRadius = 1, Tau = 0.8 }, new Rng(5));

    [Theory]
    [InlineData(FgdlVariant.ClassModule)]
    [InlineData(FgdlVariant.FixedRadius)]
    [InlineData(FgdlVariant.Auxiliary)]
    public void SaveLoad_RoundTrip_GivesTheSameOutputsAtEveryLevel(FgdlVariant variant)
    {
        using var network = TinyFgdl(variant);
        var path = Path.Combine(Path.GetTempPath(), $"superres-fgdl-{Guid.NewGuid():N}.safetensors");
        try
        {
            ModelFile.Save(path, network);
            using var loaded = Assert.IsType<FgdlNetwork>(ModelFile.Load(path));

            Assert.Equal(network.FgdlOptions, loaded.FgdlOptions);
            Assert.Equal("lapsrn", loaded.Architecture);
            using var tape = new Tape();
            using var noGrad = Tape.NoGrad();
            var x = Tensor.FromArray(RandomPlane(13, 11, seed: 3).Data.Select(v => v / 255f).ToArray(), 1, 1, 11, 13);
            var expected = network.ForwardLevels(x);
            var actual = loaded.ForwardLevels(x);
            Assert.Equal(2, actual.Count);
            for (var level = 0; level < 2; level++) Assert.Equal(expected[level].ToArray(), actual[level].ToArray());
            Assert.Equal(expected[^1].ToArray(), loaded.Forward(x).ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ForwardLevels_FirstLevelOnly_EqualsThePrefixOfAllLevels()
    {
        using var network = TinyFgdl();
        using var tape = new Tape();
        using var noGrad = Tape.NoGrad();
        var x = Tensor.FromArray(RandomPlane(9, 7, seed: 8).Data.Select(v => v / 255f).ToArray(), 1, 1, 7, 9);

        Assert.Equal(network.ForwardLevels(x)[0].ToArray(), Assert.Single(network.ForwardLevels(x, 1)).ToArray());
        var lapSrn = Assert.IsType<LapSrn>(network.Network);
        Assert.Equal(lapSrn.ForwardLevels(x)[0].ToArray(), Assert.Single(lapSrn.ForwardLevels(x, 1)).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => network.ForwardLevels(x, 3));
    }

    [Fact]
    public void Forward_ClassModule_StaysInsideTheUnitRangeAndDiffersFromThePlainOutput()
    {
        using var network = TinyFgdl();
        using var tape = new Tape();
        using var noGrad = Tape.NoGrad();
        var x = Tensor.FromArray(RandomPlane(9, 10, seed: 4).Data.Select(v => v / 255f).ToArray(), 1, 1, 10, 9);

        var sr = network.Forward(x).ToArray();
        var plain = network.Network.Forward(x).ToArray();

        Assert.All(sr, v => Assert.InRange(v, 0f, 1f));
        Assert.NotEqual(plain, sr);
    }

    [Fact]
    public void Upscaler_FgdlNetwork_ServesEveryLevelAndTilesEqualUntiled()
    {
        using var network = TinyFgdl();
        Assert.Equal([2, 4], Upscaler.SupportedScales(network));
        var lr = RandomPlane(31, 23, seed: 6);
        foreach (var scale in new[] { 2, 4 })
        {
            var whole = new Upscaler(network, scale, new UpscalerOptions { TileSize = 64 }).UpscalePlanes([lr])[0];
            var tiled = new Upscaler(network, scale, new UpscalerOptions { TileSize = 8 }).UpscalePlanes([lr])[0];

            Assert.Equal((31 * scale, 23 * scale), (whole.Width, whole.Height));
            Assert.InRange(MaxDifference(whole, tiled), 0, 1e-5 * 255);
            using var tape = new Tape();
            using var noGrad = Tape.NoGrad();
            var direct = network.ForwardLevels(Tensor.FromArray(lr.Data.Select(v => v / 255f).ToArray(), 1, 1, 23, 31))[scale / 2 - 1].ToArray();
            Assert.InRange(direct.Select((v, i) => Math.Abs(v * 255 - whole.Data[i])).Max(), 0, 1e-5 * 255);
        }
    }

    [Fact]
    public void Load_BadFgdlOptions_NamesTheFile()
    {
        using var network = TinyFgdl();
        var path = Path.Combine(Path.GetTempPath(), $"superres-fgdl-bad-{Guid.NewGuid():N}.safetensors");
        try
        {
            ModelFile.Save(path, network);
            using (var file = SafeTensors.Load(path))
            {
                var metadata = file.Metadata.ToDictionary();
                metadata[ModelFile.FgdlKey] = "{\"bins\": 1}";
                SafeTensors.Save(path + ".bad", file.Tensors, metadata);
            }
            File.Move(path + ".bad", path, overwrite: true);
            var ex = Assert.Throws<SafeTensorsException>(() => ModelFile.Load(path));
            Assert.Contains(Path.GetFileName(path), ex.Message);
            Assert.Contains("bins", ex.Message, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
