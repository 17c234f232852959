namespace SuperRes.Cli;

/// <summary>The exit codes of <c>superres</c> (also listed in its README section).</summary>
public static class ExitCodes
{
    /// <summary>Everything went well.</summary>
    public const int Success = 0;

    /// <summary>Bad command line: unknown option, missing argument, bad value (--scale abc), unknown model, unsupported output extension, an output over its input without --overwrite.</summary>
    public const int Usage = 1;

    /// <summary>An input is missing or is not a valid image (the message names the file).</summary>
    public const int BadInput = 2;

    /// <summary>evaluate or a batch upscale finished, but some images failed (named on stderr; upscale --summary lists them).</summary>
    public const int SomeImagesFailed = 3;

    /// <summary>An output file or folder could not be written.</summary>
    public const int OutputError = 4;

    /// <summary>An unexpected internal error (a bug): the message is printed, without stack trace.</summary>
    public const int InternalError = 5;

    /// <summary>train stopped because the loss became NaN or infinite; the last good checkpoint is kept.</summary>
    public const int TrainingDiverged = 6;

    /// <summary>train was interrupted (Ctrl-C or --stop-after) and saved a checkpoint to resume from (128 + SIGINT).</summary>
    public const int Interrupted = 130;
}
