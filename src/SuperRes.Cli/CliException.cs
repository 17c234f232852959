namespace SuperRes.Cli;

/// <summary>A failure to report as one line on stderr, with the exit code to return.</summary>
public sealed class CliException(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}
