using System.CommandLine;
using SuperRes.Cli;

namespace SuperRes.Onnx.Tests;

/// <summary>Runs the superres commands in-process, capturing stdout and stderr.</summary>
internal static class CliHarness
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var root = SuperResRootCommand.Create();
        var output = new StringWriter();
        var error = new StringWriter();
        var code = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The shared folder beside the repository (datasets, pretrained weights).</summary>
    public static string Shared { get; } = FindShared();

    private static string FindShared()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SuperRes.sln"))) return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
        throw new InvalidOperationException("SuperRes.sln not found above " + AppContext.BaseDirectory);
    }
}
