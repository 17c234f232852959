using SuperRes.Models;
using SuperRes.Tensors;
using SuperRes.Tensors.Serialization;
using SuperRes.Weights.Torch;

namespace SuperRes.Tests.Models;

/// <summary>
/// The community architectures against PyTorch: tests/fixtures/community holds small random-weight
/// checkpoints written by tests/fixtures/make_community.py with PyTorch's output for a fixed input.
/// </summary>
public class CommunityModelsTests
{
    private static string Fixture(string name) => Path.Combine(TestPaths.RepositoryRoot, "tests", "fixtures", "community", name);

    [Theory]
    [InlineData("rrdbnet_x4", "rrdbnet_x4.pth", "rrdbnet", 4)]
    [InlineData("rrdbnet_x4", "rrdbnet_x4_fp16.pth", "rrdbnet", 4)]
    [InlineData("rrdbnet_x4", "rrdbnet_x4.safetensors", "rrdbnet", 4)]
    [InlineData("rrdbnet_x4_oldkeys", "rrdbnet_x4_oldkeys.pth", "rrdbnet", 4)]
    [InlineData("rrdbnet_x4_oldkeys", "rrdbnet_x4_oldkeys_fp16.pth", "rrdbnet", 4)]
    [InlineData("rrdbnet_x2", "rrdbnet_x2.pth", "rrdbnet", 2)]
    [InlineData("rrdbnet_x2", "rrdbnet_x2_fp16.pth", "rrdbnet", 2)]
    [InlineData("rrdbnet_x2", "rrdbnet_x2.safetensors", "rrdbnet", 2)]
    [InlineData("srvggnet_x4", "srvggnet_x4.pth", "srvggnet-compact", 4)]
    [InlineData("srvggnet_x4", "srvggnet_x4_fp16.pth", "srvggnet-compact", 4)]
    [InlineData("srvggnet_x4", "srvggnet_x4_bf16.pth", "srvggnet-compact", 4)]
    [InlineData("srvggnet_x4", "srvggnet_x4.safetensors", "srvggnet-compact", 4)]
    [InlineData("srvggnet_x4", "srvggnet_x4_bf16.safetensors", "srvggnet-compact", 4)]
    [InlineData("span_x2", "span_x2.pth", "span", 2)]
    [InlineData("span_x2", "span_x2_fp16.pth", "span", 2)]
    [InlineData("span_x2", "span_x2.safetensors", "span", 2)]
    public void Load_Fixture_MatchesPyTorchWithin1e4(string io, string weights, string architecture, int scale)
    {
        using var model = ModelLoader.Load(Fixture(weights));
        Assert.Equal(architecture, model.Architecture);
        Assert.Equal(scale, model.Scale);
        using var file = SafeTensors.Load(Fixture(io + ".io.safetensors"));
        var expected = file.Tensors["output"];
        Tensor actual;
        using (Tape.NoGrad()) actual = model.Forward(file.Tensors["input"]);
        Check(actual, "inference");
        // The path that records gradients (training, fine-tuning) is written apart from the inference one.
        using (var tape = new Tape()) Check(model.Forward(file.Tensors["input"]), "recorded");

        void Check(Tensor output, string path)
        {
            Assert.Equal(expected.Shape.ToArray(), output.Shape.ToArray());
            var e = expected.AsSpan();
            var a = output.AsSpan();
            float worst = 0;
            for (int i = 0; i < e.Length; i++) worst = MathF.Max(worst, MathF.Abs(e[i] - a[i]));
            Assert.True(worst <= 1e-4f, $"{weights}, {path}: largest difference from PyTorch {worst}");
        }
    }

    /// <summary>
    /// Each family's inference path (RRDBNet's dense blocks written in place with the leaky ReLUs inside
    /// the convs; activations released as they are read, in every family) against the recorded one, on
    /// weights large enough that every term counts (the PyTorch fixtures' small weights hide a wrong
    /// slope or scale under their 1e-4).
    /// </summary>
    [Theory]
    [InlineData("rrdbnet", 4, 2, 10, 14)]
    [InlineData("rrdbnet", 2, 1, 10, 14)]
    [InlineData("span", 4, 1, 11, 13)] // 5 x 11 x 13 values: the 16-wide loop, the 8-wide once, 3 one by one
    [InlineData("span", 2, 2, 10, 14)]
    [InlineData("srvggnet-compact", 2, 1, 11, 13)]
    public void InferencePath_EqualsTheRecordedOne(string family, int scale, int batch, int height, int width)
    {
        using var model = family switch
        {
            "rrdbnet" => KnownModels.RrdbNet.Create(new RrdbNetOptions { Scale = scale, Width = 16, GrowthChannels = 8, Blocks = 2 }, new Rng(71)),
            "span" => KnownModels.Span.Create(new SpanOptions { Scale = scale, Width = 5 }, new Rng(71)),
            _ => KnownModels.SrVggNetCompact.Create(new SrVggNetCompactOptions { Scale = scale, Width = 8, Convs = 3 }, new Rng(71)),
        };
        var rng = new Rng(72);
        foreach (var p in model.Parameters()) rng.FillUniform(p.AsSpan(), -0.15f, 0.15f);
        var x = Tensor.RandomUniform(new Rng(73), 0, 1, batch, 3, height, width);
        float[] expected;
        using (var tape = new Tape()) expected = model.Forward(x).ToArray();
        float[] actual;
        using (Tape.NoGrad()) actual = model.Forward(x).ToArray();
        Assert.False(x.IsDisposed); // the caller's input is the caller's
        float scaleOfOutput = expected.Max(MathF.Abs);
        Assert.True(scaleOfOutput > 0.1f, $"output too small to compare: {scaleOfOutput}");
        for (int i = 0; i < expected.Length; i++)
            Assert.True(MathF.Abs(expected[i] - actual[i]) <= 1e-5f * scaleOfOutput, $"value {i}: {actual[i]}, recorded path {expected[i]}");
    }

    [Fact]
    public void Load_LegacyFormat_RefusedWithResaveHint()
    {
        var e = Assert.Throws<TorchCheckpointException>(() => ModelLoader.Load(Fixture("legacy.pth")));
        Assert.Contains("legacy.pth", e.Message);
        Assert.Contains("pre-1.6", e.Message);
        Assert.Contains("torch.save", e.Message);
    }

    [Fact]
    public void FromStateDict_Unknown_ListsKeys()
    {
        using var a = Tensor.Zeros(2, 2);
        var state = new Dictionary<string, Tensor> { ["encoder.weight"] = a, ["decoder.bias"] = a };
        var e = Assert.Throws<ArgumentException>(() => CommunityModels.FromStateDict(state));
        Assert.Contains("encoder.weight", e.Message);
        Assert.Contains("decoder.bias", e.Message);
    }

    [Fact]
    public void Load_CommunityModel_SavesAndReloadsAsOurModelFile()
    {
        using var model = ModelLoader.Load(Fixture("span_x2.pth"));
        string path = Path.Combine(Path.GetTempPath(), $"superres-span-{Guid.NewGuid():N}.safetensors");
        try
        {
            ModelFile.Save(path, model);
            using var again = ModelLoader.Load(path);
            Assert.Equal(model.Options, again.Options);
            using var file = SafeTensors.Load(Fixture("span_x2.io.safetensors"));
            using (Tape.NoGrad())
                Assert.Equal(model.Forward(file.Tensors["input"]).ToArray(), again.Forward(file.Tensors["input"]).ToArray());
        }
        finally { File.Delete(path); }
    }
}
