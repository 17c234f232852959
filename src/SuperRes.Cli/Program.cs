using SuperRes.Cli;

return SuperResRootCommand.Create().Parse(args, SuperResRootCommand.Parsing).Invoke();
