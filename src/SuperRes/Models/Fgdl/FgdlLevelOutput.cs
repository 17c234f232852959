using SuperRes.Tensors;

namespace SuperRes.Models.Fgdl;

/// <summary>One level of an <see cref="FgdlNetwork"/>'s training forward pass.</summary>
/// <param name="Logits">Classification logits [n, c*K, h, w].</param>
/// <param name="T">Regression head values [n, c, h, w].</param>
/// <param name="Output">The network's own prediction (used by the auxiliary variant).</param>
public sealed record FgdlLevelOutput(Tensor Logits, Tensor T, Tensor Output);
