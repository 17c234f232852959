namespace SuperRes.Evaluation;

/// <summary>Reported after each file of a dataset: how far along, and what just happened.</summary>
public sealed record EvaluationProgress(string Dataset, int Scale, int Done, int Total, string File, ImageScore? Score, ImageFailure? Failure);
