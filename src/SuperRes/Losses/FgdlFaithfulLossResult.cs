using SuperRes.Tensors;

namespace SuperRes.Losses;

/// <summary>One level's faithful FGDL loss: the differentiable total and its parts (for logs).</summary>
/// <param name="Total">The differentiable loss.</param>
/// <param name="Regression">The masked Charbonnier term.</param>
/// <param name="Classification">CE(z, b*), before lambda_cls.</param>
/// <param name="ClassModule">CE(q, r*), before lambda_cm (0 under the tau rule).</param>
/// <param name="HitRate">Share of pixels whose area holds the truth's bin.</param>
/// <param name="MeanRadius">Mean r.</param>
public sealed record FgdlFaithfulLossResult(Tensor Total, float Regression, float Classification, float ClassModule, double HitRate, double MeanRadius);
