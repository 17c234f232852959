namespace SuperRes.Cli;

/// <summary>What happened to one file of a batch: <c>ok</c>, <c>skipped</c> (output existed, <c>--skip-existing</c>) or <c>failed</c> (with the error).</summary>
public sealed record BatchFileResult(string Input, string Output, string Status, int Width, int Height, long Bytes, double Seconds, string? Error)
{
    public const string Ok = "ok";
    public const string Skipped = "skipped";
    public const string Failed = "failed";
}
