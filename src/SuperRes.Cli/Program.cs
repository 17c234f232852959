using SuperRes.Cli;

return SuperResRootCommand.Create().Parse(args).Invoke();
