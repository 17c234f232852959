using System.Diagnostics;
using System.Globalization;
using SuperRes.Models.Fgdl;
using SuperRes.Evaluation;
using SuperRes.Losses;
using SuperRes.Models;
using SuperRes.Reporting;
using SuperRes.Tensors;
using SuperRes.Tensors.Serialization;
using SuperRes.Training.Data;

namespace SuperRes.Training;

/// <summary>
/// The training loop: batches from the background prefetcher, one <see cref="ITrainingStep"/> per
/// step, the JSONL log, a progress line, validation on a folder (Set5) with the benchmark protocol,
/// atomic checkpoints, exact resume, Ctrl-C (via the token) and NaN handling. Writes into
/// <see cref="OutputDirectory"/>: log.jsonl, config.json, checkpoint/, model.safetensors.
/// </summary>
public sealed class Trainer
{
    private readonly TextWriter _console;
    private TrainingImageSet? _images;

    public Trainer(TrainingConfig config, string outputDirectory, TrainingImageSet? images = null, TextWriter? console = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        OutputDirectory = outputDirectory;
        _images = images;
        _console = console ?? TextWriter.Null;
    }

    public TrainingConfig Config { get; }

    public string OutputDirectory { get; }

    public string ModelPath => Path.Combine(OutputDirectory, "model.safetensors");

    /// <summary>Last validation PSNR (NaN before the first validation).</summary>
    public double LastValidationPsnr { get; private set; } = double.NaN;

    /// <param name="resume">Continue from the checkpoint in the output folder (exactly as if never stopped).</param>
    /// <param name="cancellationToken">Ctrl-C: a checkpoint is saved after the current step.</param>
    /// <param name="stopAfter">Stop as Ctrl-C would once this many steps are done (to split a long run across sessions).</param>
    public TrainingOutcome Run(bool resume = false, CancellationToken cancellationToken = default, long? stopAfter = null)
    {
        Directory.CreateDirectory(OutputDirectory);
        using var step = TrainingSteps.Create(Config);
        long start = 0;
        var checkpoint = resume ? Checkpoint.Find(OutputDirectory) : null;
        if (resume && checkpoint is null) _console.WriteLine($"No checkpoint in {OutputDirectory}: starting from step 0.");
        if (checkpoint is not null)
        {
            var state = Checkpoint.Load(checkpoint, step);
            if (state.Seed != Config.Seed) throw new InvalidDataException($"{checkpoint}: seed {state.Seed} differs from the config's {Config.Seed}; resume would not reproduce the run.");
            start = state.Step;
            LastValidationPsnr = state.LastValidationPsnr;
            _console.WriteLine($"Resumed from {checkpoint} at step {start}.");
        }
        File.WriteAllText(Path.Combine(OutputDirectory, "config.json"), Config.ToJson());
        using var log = new TrainingLog(Path.Combine(OutputDirectory, "log.jsonl"), checkpoint is null ? null : start);
        if (start >= Config.Steps)
        {
            SaveModel(step);
            return TrainingOutcome.Completed;
        }

        var images = _images ??= TrainingImageSet.Load(Config.TrainFolders, ChannelsInput(ChannelsOf(step)), Config.PatchSize);
        var options = new PatchOptions(Config.PatchSize, Config.Scale, Config.LrPrecision, Config.Flip, Config.Rotate, Config.MinDownscale,
            MultiLevel: Config.MultiLevel && IsMultiLevel(step), Degradation: Config.Degradation);
        var source = new BatchSource(new PatchSampler(images, options), Config.BatchSize, Config.Seed);
        using var prefetcher = new BatchPrefetcher(source, start, Config.Steps, Math.Max(1, Config.Prefetch));
        var schedule = Config.Optimizer.CreateSchedule(Config.Steps);
        log.Write("event", start, [], start == 0 ? "start" : "resume");

        var clock = Stopwatch.StartNew();
        var progress = new ProgressLine(_console, ProgressMode.EveryReport);
        var intervalClock = Stopwatch.StartNew();
        double intervalLoss = 0;
        var intervalSteps = 0;
        var s = start;
        for (; s < Config.Steps; s++)
        {
            if (cancellationToken.IsCancellationRequested || s == stopAfter)
            {
                SaveCheckpoint(step, s);
                log.Write("event", s, [], "interrupted");
                _console.WriteLine($"Interrupted: checkpoint saved at step {s} in {OutputDirectory}.");
                return TrainingOutcome.Interrupted;
            }
            var batch = prefetcher.Next();
            StepResult result;
            try
            {
                result = step.Run(batch, schedule.Factor(s));
            }
            catch (NonFiniteLossException e)
            {
                log.Write("event", s, [], e.Message);
                _console.WriteLine(e.Message);
                return TrainingOutcome.NonFiniteLoss;
            }
            var done = s + 1;
            intervalLoss += result.Loss;
            intervalSteps++;
            if (done % Config.LogInterval == 0 || done == Config.Steps)
            {
                var seconds = intervalClock.Elapsed.TotalSeconds;
                var imagesPerSecond = intervalSteps * Config.BatchSize / Math.Max(seconds, 1e-9);
                var values = new Dictionary<string, double>
                {
                    ["loss"] = intervalLoss / intervalSteps,
                    ["lr"] = Config.Optimizer.LearningRate * schedule.Factor(s),
                    ["images_per_s"] = imagesPerSecond,
                };
                foreach (var (k, v) in result.Parts) values[k] = v;
                log.Write("train", done, values);
                progress.Report("train", "step", done, Config.Steps, clock.Elapsed, string.Create(CultureInfo.InvariantCulture,
                    $"loss {intervalLoss / intervalSteps:F6}, {imagesPerSecond:F1} img/s, val {(double.IsNaN(LastValidationPsnr) ? "-" : LastValidationPsnr.ToString("F2", CultureInfo.InvariantCulture) + " dB")}"));
                intervalLoss = 0;
                intervalSteps = 0;
                intervalClock.Restart();
            }
            if (Config.ValidationInterval > 0 && (done % Config.ValidationInterval == 0 || done == Config.Steps)) Validate(step, done, log);
            if (Config.CheckpointInterval > 0 && done % Config.CheckpointInterval == 0) SaveCheckpoint(step, done);
        }
        SaveCheckpoint(step, Config.Steps);
        SaveModel(step);
        log.Write("event", Config.Steps, [KeyValuePair.Create("seconds", clock.Elapsed.TotalSeconds)], "done");
        _console.WriteLine($"Done: {ModelPath}");
        return TrainingOutcome.Completed;
    }

    private void Validate(ITrainingStep step, long done, TrainingLog log)
    {
        if (!Directory.Exists(Config.ValidationFolder))
        {
            _console.WriteLine($"validation skipped: {Config.ValidationFolder} not found.");
            return;
        }
        step.Model.Eval();
        try
        {
            var resolver = new ModuleSuperResolver(step.Model, Config.Name, ChannelsOf(step), Config.Scale);
            var result = new Evaluator(resolver).EvaluateFolder(Config.ValidationFolder, new BenchmarkProtocol(Config.Scale, Config.LrPrecision));
            LastValidationPsnr = result.Psnr;
            log.Write("val", done, [KeyValuePair.Create("psnr", result.Psnr), KeyValuePair.Create("ssim", result.Ssim), KeyValuePair.Create("hfen", result.Hfen)],
                result.Dataset);
            foreach (var failure in result.Failures) _console.WriteLine($"validation: {failure.Message}");
        }
        finally
        {
            step.Model.Train();
        }
    }

    private void SaveCheckpoint(ITrainingStep step, long done) =>
        Checkpoint.Save(OutputDirectory, step, new Checkpoint.State(done, Config.Seed, Config.Name, LastValidationPsnr));

    /// <summary>model.safetensors: a SuperRes model file; for FGDL, the whole network with heads, and network.safetensors without.</summary>
    private void SaveModel(ITrainingStep step)
    {
        var meta = new Dictionary<string, string> { ["training_config"] = Config.ToJson(), ["loss"] = Config.Loss.Kind };
        switch (step.Model)
        {
            case FgdlNetwork fgdl:
                ModelFile.Save(Path.Combine(OutputDirectory, "network.safetensors"), fgdl.Network, meta);
                ModelFile.Save(ModelPath, fgdl, meta);
                break;
            case SuperResolutionModel model:
                ModelFile.Save(ModelPath, model, meta);
                break;
        }
    }

    private static int ChannelsOf(ITrainingStep step) => step.Model is SuperResolutionModel m ? m.Channels : 1;

    private static bool IsMultiLevel(ITrainingStep step) => step.Model is IMultiLevelModel;

    private static SuperResolverInput ChannelsInput(int channels) => channels == 1 ? SuperResolverInput.Luma : SuperResolverInput.Color;

}
