using System.CommandLine;
using SuperRes.Training;

namespace SuperRes.Cli;

/// <summary>
/// <c>superres train --config configs/NAME.json [--steps N] [--out DIR] [--resume] [--seed S]
/// [--batch B] [--patch P] [--lr X] [--stop-after N]</c>. Ctrl-C saves a checkpoint and exits
/// (code 130); a NaN loss exits with code 2, keeping the last good checkpoint.
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config", "-c") { Description = "Training config (configs/NAME.json).", Required = true };
        var steps = new Option<long?>("--steps") { Description = "Total steps (overrides the config)." };
        var output = new Option<string?>("--out") { Description = "Output folder (default runs/NAME)." };
        var resume = new Option<bool>("--resume") { Description = "Continue from the output folder's checkpoint, exactly as an uninterrupted run." };
        var seed = new Option<long?>("--seed") { Description = "Random seed (overrides the config)." };
        var batch = new Option<int?>("--batch") { Description = "Batch size (overrides the config)." };
        var patch = new Option<int?>("--patch") { Description = "HR patch size (overrides the config)." };
        var lr = new Option<double?>("--lr") { Description = "Base learning rate (overrides the config)." };
        var validation = new Option<long?>("--validation-interval") { Description = "Steps between validations (0: none)." };
        var stopAfter = new Option<long?>("--stop-after") { Description = "Stop with a checkpoint after this many steps (resume later)." };
        var command = new Command("train", "Train a super-resolution network from a JSON config.");
        foreach (var option in new Option[] { config, steps, output, resume, seed, batch, patch, lr, validation, stopAfter }) command.Options.Add(option);
        command.SetAction(parseResult =>
        {
            TrainingConfig cfg;
            try
            {
                cfg = TrainingConfig.Load(parseResult.GetValue(config)!);
                if (parseResult.GetValue(steps) is { } s) cfg = cfg with { Steps = s };
                if (parseResult.GetValue(seed) is { } sd) cfg = cfg with { Seed = sd };
                if (parseResult.GetValue(batch) is { } b) cfg = cfg with { BatchSize = b };
                if (parseResult.GetValue(patch) is { } p) cfg = cfg with { PatchSize = p };
                if (parseResult.GetValue(lr) is { } l) cfg = cfg with { Optimizer = cfg.Optimizer with { LearningRate = l } };
                if (parseResult.GetValue(validation) is { } v) cfg = cfg with { ValidationInterval = v };
                cfg.Validate();
            }
            catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }
            var dir = parseResult.GetValue(output) ?? Path.Combine("runs", cfg.Name);
            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler handler = (_, e) =>
            {
                e.Cancel = true; // let the loop finish its step and save a checkpoint
                cancel.Cancel();
                Console.Error.WriteLine("Stopping after this step; saving a checkpoint...");
            };
            Console.CancelKeyPress += handler;
            try
            {
                var outcome = new Trainer(cfg, dir, console: Console.Out).Run(parseResult.GetValue(resume), cancel.Token, parseResult.GetValue(stopAfter));
                return outcome switch
                {
                    TrainingOutcome.Completed => 0,
                    TrainingOutcome.Interrupted => 130,
                    _ => 2,
                };
            }
            catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or Imaging.ImageFormatException)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }
            finally
            {
                Console.CancelKeyPress -= handler;
            }
        });
        return command;
    }
}
