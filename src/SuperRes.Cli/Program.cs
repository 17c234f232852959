using System.CommandLine;
using SuperRes.Cli;

// One line per command; each lives in its own XxxCommand.cs. Exit codes: see ExitCodes.cs.
var root = new RootCommand("SuperRes: single-image super-resolution.")
{
    UpscaleCommand.Create(),
    EvaluateCommand.Create(),
    TrainCommand.Create(),
    PlotCommand.Create(),
    ModelsCommand.Create(),
    BenchCommand.Create(),
};
return root.Parse(args).Invoke();
