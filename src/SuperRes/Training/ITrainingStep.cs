using SuperRes.Tensors.Nn;
using SuperRes.Tensors.Optim;
using SuperRes.Training.Data;

namespace SuperRes.Training;

/// <summary>
/// One optimisation step of a kind of training (supervised, GAN), with the modules and optimisers
/// a checkpoint must hold. The trainer owns the loop, logs, validation and checkpoints.
/// </summary>
public interface ITrainingStep : IDisposable
{
    /// <summary>The network being trained; its <c>Forward</c> maps LR in [0, 1] to SR (validation, export).</summary>
    Module Model { get; }

    /// <summary>Named modules whose parameters a checkpoint saves ("model", "discriminator").</summary>
    IReadOnlyList<(string Name, Module Module)> Modules { get; }

    /// <summary>Named optimisers whose state a checkpoint saves.</summary>
    IReadOnlyList<(string Name, Optimizer Optimizer)> Optimizers { get; }

    /// <summary>
    /// Runs one step at learning-rate factor <paramref name="lrFactor"/> of each optimiser's base rate.
    /// Throws <see cref="NonFiniteLossException"/> before changing any weight when a loss is NaN or infinite.
    /// </summary>
    StepResult Run(TrainingBatch batch, double lrFactor);
}
