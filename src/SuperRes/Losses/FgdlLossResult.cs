using SuperRes.Tensors;

namespace SuperRes.Losses;

/// <summary>The FGDL of one level: the differentiable total, its parts (for logs) and the reconstructed image.</summary>
public sealed record FgdlLossResult(Tensor Total, float Regression, float Classification, Tensor Image);
