using SuperRes.Models;
using SuperRes.Tensors;
using SuperRes.Tensors.Optim;

namespace SuperRes.Tests.Models;

/// <summary>Shape, gradient, training and serialisation checks run on every architecture.</summary>
public class SuperResolutionModelTests
{
    public static IEnumerable<object[]> Cases() => TinyModels.Cases();
    public static IEnumerable<object[]> Names() => TinyModels.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_OddSizedBatch_ScaledShape(string name, int scale)
    {
        using var model = TinyModels.Create(name, scale);
        using var tape = new Tape();
        var y = model.Forward(TinyModels.Input(2, model.Channels, 5, 7, 11));
        Assert.Equal([2, model.Channels, 5 * scale, 7 * scale], y.Shape.ToArray());
        Assert.All(y.ToArray(), v => Assert.True(float.IsFinite(v)));
        Assert.True(model.FlopsPerOutputPixel > 0);
        Assert.True(model.ParameterCount() > 0);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Backward_MeanSquaredError_EveryParameterGetsGradient(string name)
    {
        using var model = TinyModels.Create(name, 2);
        using var tape = new Tape();
        var x = TinyModels.Input(1, model.Channels, 6, 6, 5);
        var target = TinyModels.Input(1, model.Channels, 12, 12, 6);
        var loss = Ops.Mean(Ops.Square(Ops.Sub(model.Forward(x), target)));
        loss.Backward();
        foreach (var (parameter, p) in model.NamedParameters())
        {
            Assert.True(p.Grad != null, $"{parameter} has no gradient");
            Assert.All(p.Grad!.ToArray(), v => Assert.True(float.IsFinite(v)));
        }
        Assert.Contains(model.Parameters(), p => p.Grad!.ToArray().Any(v => v != 0));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Adam_TenStepsOnTinyBatch_LowersLoss(string name)
    {
        using var model = TinyModels.Create(name, 2);
        using var optimizer = new Adam(model.Parameters(), learningRate: 3e-3);
        using var x = TinyModels.Input(2, model.Channels, 6, 6, 7).Persist();
        using var target = TinyModels.Input(2, model.Channels, 12, 12, 8).Persist();
        float first = 0, last = 0;
        for (int step = 0; step < 10; step++)
        {
            using var tape = new Tape();
            optimizer.ZeroGrad();
            var loss = Ops.Mean(Ops.Square(Ops.Sub(model.Forward(x), target)));
            loss.Backward();
            optimizer.Step();
            last = loss.Item();
            if (step == 0) first = last;
        }
        Assert.True(last < first, $"loss went from {first} to {last}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ModelFile_SaveThenLoad_IdenticalOutputs(string name)
    {
        string path = Path.Combine(Path.GetTempPath(), $"superres-{name}-{Environment.ProcessId}.safetensors");
        try
        {
            using var model = TinyModels.Create(name, 4, seed: 3);
            ModelFile.Save(path, model);
            using var loaded = ModelFile.Load(path);
            Assert.Equal(model.GetType(), loaded.GetType());
            Assert.Equal(model.Options, loaded.Options);
            using var tape = new Tape();
            var x = TinyModels.Input(1, model.Channels, 4, 5, 9);
            Assert.Equal(model.Forward(x).ToArray(), loaded.Forward(x).ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
