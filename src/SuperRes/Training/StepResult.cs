namespace SuperRes.Training;

/// <summary>The loss of one step and its named parts (for the log).</summary>
public sealed record StepResult(double Loss, IReadOnlyDictionary<string, double> Parts);
