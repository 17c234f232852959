using System.CommandLine;
using SuperRes.Training;

namespace SuperRes.Cli;

/// <summary>
/// <c>superres train --config configs/NAME.json [--steps N] [--out DIR] [--resume] [--seed S]
/// [--batch B] [--patch P] [--lr X] [--stop-after N] [--overwrite]</c>. Ctrl-C saves a checkpoint and
/// exits with <see cref="ExitCodes.Interrupted"/>; a NaN loss exits with
/// <see cref="ExitCodes.TrainingDiverged"/>, keeping the last good checkpoint. An output folder that
/// holds a checkpoint is neither resumed nor replaced unless asked.
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
        var overwrite = new Option<bool>("--overwrite") { Description = "Start from step 0 in an output folder that holds a checkpoint (it is replaced)." };
        var command = new Command("train", "Train a super-resolution network from a JSON config.");
        foreach (var option in new Option[] { config, steps, output, resume, overwrite, seed, batch, patch, lr, validation, stopAfter }) command.Options.Add(option);
        command.SetAction(parseResult => CommandRunner.Run(parseResult, (stdout, stderr) =>
        {
            var path = parseResult.GetValue(config)!;
            TrainingConfig cfg;
            try
            {
                cfg = TrainingConfig.Load(path);
                if (parseResult.GetValue(steps) is { } s) cfg = cfg with { Steps = s };
                if (parseResult.GetValue(seed) is { } sd) cfg = cfg with { Seed = sd };
                if (parseResult.GetValue(batch) is { } b) cfg = cfg with { BatchSize = b };
                if (parseResult.GetValue(patch) is { } p) cfg = cfg with { PatchSize = p };
                if (parseResult.GetValue(lr) is { } l) cfg = cfg with { Optimizer = cfg.Optimizer with { LearningRate = l } };
                if (parseResult.GetValue(validation) is { } v) cfg = cfg with { ValidationInterval = v };
                cfg.Validate();
            }
            catch (FileNotFoundException)
            {
                throw new CliException(ExitCodes.BadInput, $"{path}: no such config file");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                throw new CliException(ExitCodes.BadInput, e.Message, e);
            }
            catch (ArgumentException e)
            {
                // An override from the command line made the config invalid.
                throw new CliException(ExitCodes.Usage, $"{path} with the options given: {e.Message}", e);
            }
            var dir = parseResult.GetValue(output) ?? Path.Combine("runs", cfg.Name);
            bool resuming = parseResult.GetValue(resume);
            if (!resuming && !parseResult.GetValue(overwrite) && Checkpoint.Find(dir) is { } existing)
                throw new CliException(ExitCodes.Usage,
                    $"{dir} holds a checkpoint ({existing}): pass --resume to continue it or --overwrite to start again from step 0");
            foreach (var folder in cfg.TrainFolders.Where(TestSets.IsTestSet))
                stderr.WriteLine($"superres: warning: {folder} is a benchmark test set; training on it makes its scores meaningless");
            foreach (var (file, test) in TestSets.SameContent(cfg.TrainFolders, cfg.ValidationFolder))
                stderr.WriteLine($"superres: warning: {file} has the same content as the test image {test}; training on it makes its scores meaningless");
            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler handler = (_, e) =>
            {
                e.Cancel = true; // let the loop finish its step and save a checkpoint
                cancel.Cancel();
                stderr.WriteLine("Stopping after this step; saving a checkpoint...");
            };
            Console.CancelKeyPress += handler;
            try
            {
                var outcome = new Trainer(cfg, dir, console: stdout).Run(resuming, cancel.Token, parseResult.GetValue(stopAfter));
                return outcome switch
                {
                    TrainingOutcome.Completed => ExitCodes.Success,
                    TrainingOutcome.Interrupted => ExitCodes.Interrupted,
                    _ => ExitCodes.TrainingDiverged,
                };
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                throw new CliException(ExitCodes.BadInput, e.Message, e);
            }
            catch (ArgumentException e)
            {
                throw new CliException(ExitCodes.BadInput, $"{path}: {e.Message}", e);
            }
            finally
            {
                Console.CancelKeyPress -= handler;
            }
        }));
        return command;
    }
}
