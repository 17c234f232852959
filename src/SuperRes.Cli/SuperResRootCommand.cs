using System.CommandLine;

namespace SuperRes.Cli;

/// <summary>The <c>superres</c> command tree: one line per command, each in its own XxxCommand.cs. Exit codes: see ExitCodes.cs.</summary>
public static class SuperResRootCommand
{
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
        ServeCommand.Create(),
    };
}
