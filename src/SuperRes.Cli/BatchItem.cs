namespace SuperRes.Cli;

/// <summary>One file of a batch: where it is read from, its path relative to its input root (used for sorting, sharding and the output tree), and where it goes.</summary>
public sealed record BatchItem(string InputPath, string RelativePath, string OutputPath);
