using System.CommandLine;

var root = new RootCommand("SuperRes: single-image super-resolution.");
root.Subcommands.Add(SuperRes.Cli.TrainCommand.Create()); root.Subcommands.Add(SuperRes.Cli.PlotCommand.Create());
return root.Parse(args).Invoke();
