using System.CommandLine;
using SuperRes.Cli;

namespace SuperRes.Tests.Cli;

/// <summary>Runs the superres commands in-process, capturing stdout and stderr.</summary>
internal static class CliHarness
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var root = SuperResRootCommand.Create();
        var output = new StringWriter();
        var error = new StringWriter();
        var code = root.Parse(args, SuperResRootCommand.Parsing).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
