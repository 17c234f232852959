using System.Text.Json;
using SuperRes.Models.Fgdl;
using SuperRes.Evaluation;
using SuperRes.Imaging;
using SuperRes.Losses;
using SuperRes.Processing;
using SuperRes.Tensors.Serialization;
using SuperRes.Training;
using SuperRes.Training.Data;

namespace SuperRes.Tests.Training;

public sealed class TrainerTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "superres-trainer-" + Guid.NewGuid().ToString("N")[..8]);

    public TrainerTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static TrainingImageSet Images(bool nan = false)
    {
        var images = new List<Plane[]>();
        for (var k = 0; k < 3; k++)
        {
            var p = new Plane(40, 36);
            for (var y = 0; y < 36; y++)
                for (var x = 0; x < 40; x++)
                    p[x, y] = nan ? float.NaN : (float)(128 + 100 * Math.Sin(x / (3.0 + k)) * Math.Cos(y / 5.0));
            images.Add([p]);
        }
        return TrainingImageSet.FromPlanes(images, SuperResolverInput.Luma);
    }

    private TrainingConfig Config(string loss = "charbonnier", long validation = 0) => new()
    {
        Name = "tiny",
        Model = "lapsrn",
        ModelOptions = JsonDocument.Parse("""{"Width": 4, "Depth": 1}""").RootElement,
        Loss = new LossConfig { Kind = loss, Fgdl = new FgdlOptions { Bins = 8 } },
        Scale = 4,
        PatchSize = 16,
        BatchSize = 2,
        Steps = 6,
        Optimizer = new OptimizerConfig { LearningRate = 1e-3, Schedule = "cosine" },
        Seed = 3,
        MinDownscale = 0.5,
        ValidationFolder = Path.Combine(_root, "val"),
        ValidationInterval = validation,
        CheckpointInterval = 0,
        LogInterval = 1,
    };

    private static Dictionary<string, float[]> Weights(string folder, string file)
    {
        using var f = SafeTensors.Load(Path.Combine(folder, "checkpoint", file));
        return f.Tensors.ToDictionary(t => t.Key, t => t.Value.ToArray());
    }

    [Theory]
    [InlineData("charbonnier")]
    [InlineData("fgdl")]
    [InlineData("fgdl-faithful")]
    public void Run_HalfThenResume_GivesBitwiseTheSameWeights(string loss)
    {
        var straight = Path.Combine(_root, "straight");
        var split = Path.Combine(_root, "split");
        Assert.Equal(TrainingOutcome.Completed, new Trainer(Config(loss), straight, Images()).Run());
        Assert.Equal(TrainingOutcome.Interrupted, new Trainer(Config(loss), split, Images()).Run(stopAfter: 3));
        Assert.Equal(TrainingOutcome.Completed, new Trainer(Config(loss), split, Images()).Run(resume: true));

        foreach (var file in new[] { "model.safetensors", "adam.safetensors" })
        {
            var a = Weights(straight, file);
            var b = Weights(split, file);
            Assert.Equal(a.Keys.Order(), b.Keys.Order());
            foreach (var key in a.Keys) Assert.Equal(a[key], b[key]);
        }
        var logSteps = File.ReadAllLines(Path.Combine(split, "log.jsonl")).Where(l => l.Contains("\"train\"")).Select(l => TrainingLog.StepOf(l)).ToList();
        Assert.Equal(new long?[] { 1, 2, 3, 4, 5, 6 }, logSteps);
        Assert.True(File.Exists(Path.Combine(split, "model.safetensors")));
    }

    [Fact]
    public void Run_DifferentSeed_GivesDifferentWeights()
    {
        Assert.Equal(TrainingOutcome.Completed, new Trainer(Config(), Path.Combine(_root, "a"), Images()).Run());
        Assert.Equal(TrainingOutcome.Completed, new Trainer(Config() with { Seed = 4 }, Path.Combine(_root, "b"), Images()).Run());
        var a = Weights(Path.Combine(_root, "a"), "model.safetensors");
        var b = Weights(Path.Combine(_root, "b"), "model.safetensors");
        Assert.NotEqual(a["input_conv.weight"], b["input_conv.weight"]);
    }

    [Fact]
    public void Run_NanLoss_StopsAndKeepsTheLastGoodCheckpoint()
    {
        var dir = Path.Combine(_root, "nan");
        Assert.Equal(TrainingOutcome.Interrupted, new Trainer(Config(), dir, Images()).Run(stopAfter: 2));
        var before = Weights(dir, "model.safetensors");
        var console = new StringWriter();
        Assert.Equal(TrainingOutcome.NonFiniteLoss, new Trainer(Config(), dir, Images(nan: true), console).Run(resume: true));
        Assert.Contains("NaN at step 2", console.ToString());
        var after = Weights(dir, "model.safetensors");
        foreach (var key in before.Keys) Assert.Equal(before[key], after[key]);
        Assert.False(File.Exists(Path.Combine(dir, "model.safetensors")));
    }

    [Fact]
    public void Run_WithValidationFolder_LogsPsnrAndProgress()
    {
        var val = Path.Combine(_root, "val");
        Directory.CreateDirectory(val);
        var image = new Image(48, 40, 1, 8);
        for (var i = 0; i < image.SampleCount; i++) image.SetSample(i, i * 7 % 256);
        ImageCodecs.Write(image, Path.Combine(val, "a.png"));
        var console = new StringWriter();
        var dir = Path.Combine(_root, "v");
        Assert.Equal(TrainingOutcome.Completed, new Trainer(Config(validation: 3), dir, Images(), console).Run());
        var lines = File.ReadAllLines(Path.Combine(dir, "log.jsonl"));
        Assert.Equal(2, lines.Count(l => l.Contains("\"val\"") && l.Contains("\"psnr\"")));
        Assert.Contains("step 6/6", console.ToString());
        Assert.True(console.ToString().Contains(" dB"), console.ToString());
        Assert.Contains("img/s", console.ToString());
    }

    [Fact]
    public void Run_Gan_StartsFromTheGeneratorAndTrainsBothNetworks()
    {
        var pretrained = Path.Combine(_root, "pre");
        Assert.Equal(TrainingOutcome.Completed, new Trainer(Config(), pretrained, Images()).Run());
        var config = Config() with { Initialize = Path.Combine(pretrained, "model.safetensors"), Gan = new GanConfig { DiscriminatorWidth = 4, DiscriminatorStages = 2 } };
        var dir = Path.Combine(_root, "gan");
        Assert.Equal(TrainingOutcome.Completed, new Trainer(config, dir, Images()).Run());
        Assert.True(File.Exists(Path.Combine(dir, "checkpoint", "discriminator.safetensors")));
        Assert.True(File.Exists(Path.Combine(dir, "checkpoint", "discriminator-adam.safetensors")));
        var log = File.ReadAllText(Path.Combine(dir, "log.jsonl"));
        Assert.Contains("\"adversarial\"", log);
        Assert.Contains("\"discriminator\"", log);
        var before = Weights(pretrained, "model.safetensors");
        var after = Weights(dir, "model.safetensors");
        Assert.NotEqual(before["input_conv.weight"], after["input_conv.weight"]);
    }
}
