using System.CommandLine;

namespace SuperRes.Cli;

/// <summary>The <c>superres</c> command tree: one line per command, each in its own XxxCommand.cs. Exit codes: see ExitCodes.cs.</summary>
public static class SuperResRootCommand
{
    /// <summary>How the command line is parsed: no response files, so <c>@list.txt</c> reaches <c>upscale</c> as a list of inputs.</summary>
    public static ParserConfiguration Parsing { get; } = new() { ResponseFileTokenReplacer = null };

    public static RootCommand Create() => new("SuperRes: single-image super-resolution.")
    {
        UpscaleCommand.Create(),
        EvaluateCommand.Create(),
        TrainCommand.Create(),
        PlotCommand.Create(),
        CompareCommand.Create(),
        ModelsCommand.Create(),
        BenchCommand.Create(),
        ExportCommand.Create(),
        FgdlDiagnoseCommand.Create(),
        LossBalanceCommand.Create(),
        ServeCommand.Create(),
        EvaluateDegradedCommand.Create(),
    };
}
