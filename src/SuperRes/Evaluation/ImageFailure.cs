namespace SuperRes.Evaluation;

/// <summary>A file of a dataset that could not be evaluated, and why (one line).</summary>
public sealed record ImageFailure(string Name, string Message);
