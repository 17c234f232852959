using System.CommandLine;
using SuperRes.Imaging;

namespace SuperRes.Cli;

/// <summary>Runs a command body and turns any exception into one line on stderr and an exit code.</summary>
public static class CommandRunner
{
    public static int Run(ParseResult parseResult, Func<TextWriter, TextWriter, int> body)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        try
        {
            return body(output, error);
        }
        catch (Exception e)
        {
            var (code, message) = Describe(e);
            error.WriteLine($"superres: error: {message.ReplaceLineEndings(" ")}");
            return code;
        }
    }

    /// <summary>The exit code and one-line message for an exception (also used per file by batch commands).</summary>
    public static (int Code, string Message) Describe(Exception e) => e switch
    {
        // Parallel loops (reading a training folder) wrap what went wrong: report the first cause.
        AggregateException { InnerExceptions.Count: > 0 } a => Describe(a.InnerExceptions[0]),
        CliException c => (c.ExitCode, c.Message),
        ImageFormatException f => (ExitCodes.BadInput, f.Message),
        FileNotFoundException f => (ExitCodes.BadInput, $"{f.FileName ?? "file"}: no such file"),
        DirectoryNotFoundException d => (ExitCodes.BadInput, d.Message),
        _ => (ExitCodes.InternalError, $"internal error ({e.GetType().Name}): {e.Message}"),
    };
}
