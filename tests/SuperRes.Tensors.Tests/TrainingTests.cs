using SuperRes.Tensors.Nn;
using SuperRes.Tensors.Optim;
using Xunit.Abstractions;

namespace SuperRes.Tensors.Tests;

/// <summary>Serial: measures process-wide allocation counters.</summary>
[Collection(SerialCollection.Name)]
public class TrainingTests(ITestOutputHelper output)
{
    private static Sequential SmallNet(Rng rng) => new(
        new Conv2d(3, 8, 3, rng, padding: 1),
        new LeakyReLU(0.1f),
        new Conv2d(8, 8, 3, rng, padding: 1),
        new ReLU(),
        new Conv2d(8, 3, 3, rng, padding: 1));

    private static float Step(Module net, Optimizer opt, Tensor x, Tensor target)
    {
        using var tape = new Tape();
        opt.ZeroGrad();
        var diff = net.Forward(x) - target;
        var loss = Ops.Mean(diff * diff);
        loss.Backward();
        opt.Step();
        return loss.Item();
    }

    [Fact]
    public void TinyNetwork_FixedBatch_LossFallsHundredfold()
    {
        var rng = new Rng(100);
        using var net = SmallNet(rng.Fork(1));
        var x = Tensor.RandomUniform(rng, 0, 1, 2, 3, 6, 6);
        var target = Tensor.RandomUniform(rng, 0, 1, 2, 3, 6, 6);
        using var opt = new Adam(net.Parameters(), 1e-2);
        float first = Step(net, opt, x, target), last = first;
        for (int i = 0; i < 400 && last > first / 100; i++) last = Step(net, opt, x, target);
        output.WriteLine($"loss {first} -> {last}");
        Assert.True(last < first / 100, $"loss {first} → {last}");
    }

    [Fact]
    public void TrainingStep_AfterWarmUp_AllocatesUnderOneMegabyte()
    {
        var rng = new Rng(101);
        using var net = SmallNet(rng);
        var x = Tensor.RandomUniform(rng, 0, 1, 2, 3, 8, 8);
        var target = Tensor.RandomUniform(rng, 0, 1, 2, 3, 8, 8);
        using var opt = new Adam(net.Parameters(), 1e-3);
        for (int i = 0; i < 3; i++) Step(net, opt, x, target);
        long poolBefore = TensorPool.AllocationCount;
        long before = GC.GetTotalAllocatedBytes(precise: true);
        const int steps = 5;
        for (int i = 0; i < steps; i++) Step(net, opt, x, target);
        long perStep = (GC.GetTotalAllocatedBytes(precise: true) - before) / steps;
        output.WriteLine($"managed bytes per training step after warm-up: {perStep}");
        Assert.True(perStep < 1 << 20, $"{perStep} bytes per step");
        Assert.Equal(poolBefore, TensorPool.AllocationCount);
    }

    [Fact]
    public void Sequential_NamesParametersLikePyTorch()
    {
        using var net = new Sequential(new Conv2d(1, 2, 3, new Rng(1)), new PReLU(2), new ConvTranspose2d(2, 1, 4, new Rng(2), 2, 1));
        var names = net.NamedParameters().Select(p => p.Name).ToArray();
        Assert.Equal(new[] { "0.weight", "0.bias", "1.weight", "2.weight", "2.bias" }, names);
        Assert.Equal(new[] { 2, 1, 4, 4 }, net.StateDict()["2.weight"].Shape.ToArray());
    }

    [Fact]
    public void Eval_PropagatesToChildren()
    {
        using var net = SmallNet(new Rng(3));
        net.Eval();
        Assert.All(net.Children(), c => Assert.False(c.Module.IsTraining));
        net.Train();
        Assert.True(net[0].IsTraining);
    }

    [Fact]
    public void Inference_UnderNoGrad_RecordsNoGraph()
    {
        using var net = SmallNet(new Rng(4));
        using var tape = new Tape();
        using var _ = Tape.NoGrad();
        var y = net.Forward(Tensor.Ones(1, 3, 5, 5));
        Assert.True(y.IsLeaf);
        Assert.False(y.RequiresGrad);
    }
}
