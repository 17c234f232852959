namespace SuperRes.Training.Data;

/// <summary>
/// The batch of one training step, values in [0, 1] (plane value / 255).
/// </summary>
/// <param name="Step">The step it was made for (its content is a function of seed and step).</param>
/// <param name="Input">LR patches, N x C x h x w.</param>
/// <param name="Targets">Targets from the coarsest level to HR (the last), N x C x (h 2^k) x (w 2^k).</param>
public sealed record TrainingBatch(long Step, BatchArray Input, BatchArray[] Targets)
{
    public BatchArray HighResolution => Targets[^1];
}
