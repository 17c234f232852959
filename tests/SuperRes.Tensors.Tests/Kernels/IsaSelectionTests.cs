using System.Diagnostics;
using System.Runtime.Intrinsics;
using Xunit.Abstractions;

namespace SuperRes.Tensors.Tests.Kernels;

/// <summary>
/// Runs the kernel checker (`SuperRes.Benchmarks --check`) in child processes with instruction sets
/// switched off, so the run-time choice of Conv2dKernels.Best and each chosen path are exercised.
/// </summary>
public class IsaSelectionTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("DOTNET_EnableAVX2", "Vector128")]
    [InlineData("DOTNET_EnableAVX512", null)] // .NET 10's switch for all of AVX-512 (DOTNET_EnableAVX512F no longer turns Vector512 off)
    [InlineData("DOTNET_EnableHWIntrinsic", "ReferenceConv2dKernel")]
    public void Best_WithIsaDisabled_PicksNarrowerPathAndMatchesReference(string variable, string? expected)
    {
        expected ??= Vector256.IsHardwareAccelerated ? "Vector256" : "Vector128";
        string line = RunChecker(variable);
        output.WriteLine($"{variable}=0: {line}");
        Assert.Contains("best=", line);
        Assert.Contains(expected, line);
        Assert.EndsWith(" ok", line);
    }

    private static string RunChecker(string variable)
    {
        string checker = FindChecker();
        var start = new ProcessStartInfo("dotnet", ["exec", checker, "--check"])
            { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment[variable] = "0";
        using var process = Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "checker hung");
        Assert.True(process.ExitCode == 0, $"checker failed ({process.ExitCode}): {stdout} {stderr}");
        return stdout.Trim();
    }

    /// <summary>The checker built beside this test assembly: same configuration, bench/SuperRes.Benchmarks.</summary>
    private static string FindChecker()
    {
        var testDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string framework = testDir.Name, configuration = testDir.Parent!.Name;
        var root = testDir;
        while (root != null && !File.Exists(Path.Combine(root.FullName, "SuperRes.sln"))) root = root.Parent;
        Assert.True(root != null, $"SuperRes.sln not found above {AppContext.BaseDirectory}");
        string path = Path.Combine(root!.FullName, "bench", "SuperRes.Benchmarks", "bin", configuration, framework, "SuperRes.Benchmarks.dll");
        Assert.True(File.Exists(path), $"kernel checker not built: {path}");
        return path;
    }
}
