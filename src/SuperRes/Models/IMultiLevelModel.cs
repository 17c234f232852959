using SuperRes.Tensors;

namespace SuperRes.Models;

/// <summary>
/// A network with an output at every x2 level of its pyramid (LapSRN), so one network serves
/// x2, x4, ... up to its own scale.
/// </summary>
public interface IMultiLevelModel
{
    /// <summary>Number of x2 levels: log2(scale).</summary>
    int LevelCount { get; }

    /// <summary>The output of every level, x2 first.</summary>
    IReadOnlyList<Tensor> ForwardLevels(Tensor x);

    /// <summary>The outputs of the first <paramref name="levels"/> levels only (x2 needs no x4 work).</summary>
    IReadOnlyList<Tensor> ForwardLevels(Tensor x, int levels);
}
