using System.Text.Json;
using SuperRes.Evaluation;
using SuperRes.Processing;
using SuperRes.Tensors.Serialization;
using SuperRes.Training;
using SuperRes.Training.Data;

namespace SuperRes.Tests.Training;

/// <summary>A run killed at any point of a checkpoint swap resumes from a complete checkpoint and ends as the straight run.</summary>
public sealed class CheckpointCrashTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "superres-crash-" + Guid.NewGuid().ToString("N")[..8]);

    public CheckpointCrashTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static TrainingImageSet Images()
    {
        var p = new Plane(40, 36);
        for (var y = 0; y < 36; y++)
            for (var x = 0; x < 40; x++) p[x, y] = (float)(128 + 100 * Math.Sin(x / 3.0) * Math.Cos(y / 5.0));
        return TrainingImageSet.FromPlanes([[p]], SuperResolverInput.Luma);
    }

    private static TrainingConfig Config() => new()
    {
        Name = "tiny",
        Model = "lapsrn",
        ModelOptions = JsonDocument.Parse("""{"Width": 4, "Depth": 1}""").RootElement,
        Scale = 2,
        PatchSize = 16,
        BatchSize = 2,
        Steps = 6,
        Optimizer = new OptimizerConfig { LearningRate = 1e-3 },
        Seed = 3,
        ValidationInterval = 0,
        CheckpointInterval = 0,
        LogInterval = 1,
    };

    private static float[] Weights(string folder)
    {
        using var f = SafeTensors.Load(Path.Combine(folder, "checkpoint", "model.safetensors"));
        return f.Tensors.OrderBy(t => t.Key).SelectMany(t => t.Value.ToArray()).ToArray();
    }

    [Theory]
    [InlineData("moved-aside")]      // killed after checkpoint/ became checkpoint.old/, before the new one was renamed in
    [InlineData("half-written-new")] // killed while the new checkpoint.tmp/ was being filled
    public void Resume_AfterAKillMidSwap_EqualsTheStraightRun(string crash)
    {
        var straight = Path.Combine(_root, "straight");
        var crashed = Path.Combine(_root, "crashed");
        Assert.Equal(TrainingOutcome.Completed, new Trainer(Config(), straight, Images()).Run());
        Assert.Equal(TrainingOutcome.Interrupted, new Trainer(Config(), crashed, Images()).Run(stopAfter: 2));

        var checkpoint = Path.Combine(crashed, "checkpoint");
        var tmp = checkpoint + ".tmp";
        if (crash == "moved-aside") Directory.Move(checkpoint, checkpoint + ".old");
        Directory.CreateDirectory(tmp);
        File.WriteAllBytes(Path.Combine(tmp, "model.safetensors"), new byte[17]); // a torn write

        Assert.NotNull(Checkpoint.Find(crashed));
        Assert.Equal(TrainingOutcome.Completed, new Trainer(Config(), crashed, Images()).Run(resume: true));

        Assert.Equal(Weights(straight), Weights(crashed));
        Assert.Equal(["checkpoint"], Directory.GetDirectories(crashed).Select(Path.GetFileName));
    }
}
