using System.Text.Json;
using SuperRes.Evaluation;
using SuperRes.Processing;
using SuperRes.Tensors.Kernels;
using SuperRes.Tensors.Serialization;
using SuperRes.Training;
using SuperRes.Training.Data;

namespace SuperRes.Tests.Training;

/// <summary>
/// Bitwise-reproducible training at the built-in model's real size (LapSRN x4, width 32, depth 5,
/// batch 16, 96x96 patches), where every convolution runs on all cores: the same config and seed
/// give the same weights, whatever the thread count, and a stopped-and-resumed run equals the
/// uninterrupted one.
/// </summary>
public sealed class TrainerDeterminismTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "superres-determinism-" + Guid.NewGuid().ToString("N")[..8]);

    public TrainerDeterminismTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static TrainingImageSet Images()
    {
        var images = new List<Plane[]>();
        var rng = new SuperRes.Tensors.Rng(9);
        for (var k = 0; k < 3; k++)
        {
            var p = new Plane(128, 120);
            for (var y = 0; y < p.Height; y++)
                for (var x = 0; x < p.Width; x++)
                    p[x, y] = (float)(128 + 90 * Math.Sin(x / (2.5 + k)) * Math.Cos(y / 4.0) + 20 * rng.NextDouble());
            images.Add([p]);
        }
        return TrainingImageSet.FromPlanes(images, SuperResolverInput.Luma);
    }

    private static TrainingConfig Config() => new()
    {
        Name = "builtin-size",
        Model = "lapsrn",
        ModelOptions = JsonDocument.Parse("""{"Width": 32, "Depth": 5}""").RootElement,
        Loss = new LossConfig { Kind = "charbonnier" },
        Scale = 4,
        PatchSize = 96,
        BatchSize = 16,
        Steps = 3,
        Optimizer = new OptimizerConfig { LearningRate = 6e-4, Schedule = "cosine", GradientClip = 1.0 },
        Seed = 5,
        MinDownscale = 0.5,
        ValidationInterval = 0,
        CheckpointInterval = 0,
        LogInterval = 1,
    };

    private static Dictionary<string, byte[]> Bytes(string folder, string file)
    {
        using var f = SafeTensors.Load(Path.Combine(folder, "checkpoint", file));
        return f.Tensors.ToDictionary(t => t.Key, t => System.Runtime.InteropServices.MemoryMarshal.AsBytes(t.Value.ToArray().AsSpan()).ToArray());
    }

    private static void AssertBitwiseEqual(string a, string b)
    {
        foreach (var file in new[] { "model.safetensors", "adam.safetensors" })
        {
            var x = Bytes(a, file);
            var y = Bytes(b, file);
            Assert.Equal(x.Keys.Order(), y.Keys.Order());
            var differing = x.Keys.Where(k => !x[k].AsSpan().SequenceEqual(y[k])).ToList();
            Assert.True(differing.Count == 0, $"{file}: {differing.Count} of {x.Count} tensors differ, e.g. {string.Join(", ", differing.Take(3))}");
        }
    }

    [Fact]
    public void Run_Twice_GivesBitwiseTheSameWeights_AndStopResumeEqualsTheStraightRun()
    {
        var first = Path.Combine(_root, "first");
        var second = Path.Combine(_root, "second");
        var split = Path.Combine(_root, "split");

        Assert.Equal(TrainingOutcome.Completed, new Trainer(Config(), first, Images()).Run());
        Assert.Equal(TrainingOutcome.Completed, new Trainer(Config(), second, Images()).Run());
        Assert.Equal(TrainingOutcome.Interrupted, new Trainer(Config(), split, Images()).Run(stopAfter: 1));
        Assert.Equal(TrainingOutcome.Completed, new Trainer(Config(), split, Images()).Run(resume: true));

        AssertBitwiseEqual(first, second);
        AssertBitwiseEqual(first, split);
    }

    [Fact]
    public void Run_OneKernelThread_GivesTheSameWeightsAsAllThreads()
    {
        var all = Path.Combine(_root, "all");
        var one = Path.Combine(_root, "one");
        Assert.Equal(TrainingOutcome.Completed, new Trainer(Config() with { Steps = 2 }, all, Images()).Run());
        int previous = KernelWorkerPool.ThreadCount;
        try
        {
            KernelWorkerPool.ThreadCount = 1;
            Assert.Equal(TrainingOutcome.Completed, new Trainer(Config() with { Steps = 2 }, one, Images()).Run());
        }
        finally
        {
            KernelWorkerPool.ThreadCount = previous;
        }

        AssertBitwiseEqual(all, one);
    }
}
