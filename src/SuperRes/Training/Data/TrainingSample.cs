using SuperRes.Processing;

namespace SuperRes.Training.Data;

/// <summary>One training pair in [0, 255] plane scale.</summary>
/// <param name="Input">The LR patch, one plane per channel.</param>
/// <param name="Targets">Targets from the coarsest level to the HR patch (the last); one entry unless multi-level.</param>
public sealed record TrainingSample(Plane[] Input, Plane[][] Targets)
{
    public Plane[] HighResolution => Targets[^1];
}
