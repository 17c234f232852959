using System.Reflection;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;

namespace SuperRes.Tests.Cli;

/// <summary>
/// The tool's Release build output is precompiled (ReadyToRun, src/SuperRes.Cli/Precompile.targets),
/// so the README job does not compile its code on first use; a Debug build is not.
/// </summary>
public sealed class PrecompileTests
{
    private static readonly string[] Supported = ["linux-x64", "linux-arm64", "linux-musl-x64", "linux-musl-arm64", "osx-x64", "osx-arm64", "win-x64", "win-arm64"];

    [Theory]
    [InlineData("SuperRes.Cli.dll")]
    [InlineData("SuperRes.dll")]
    [InlineData("SuperRes.Tensors.dll")]
    [InlineData("System.CommandLine.dll")]
    public void ToolOutput_IsPrecompiledInRelease(string assembly)
    {
        // The tests are built in the configuration the tool is, just before them.
        string configuration = typeof(PrecompileTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        string path = Path.Combine(TestPaths.RepositoryRoot, "src", "SuperRes.Cli", "bin", configuration, "net10.0", assembly);
        bool expected = configuration == "Release" && Supported.Contains(RuntimeInformation.RuntimeIdentifier);

        using var pe = new PEReader(File.OpenRead(path));
        var cor = pe.PEHeaders.CorHeader!;
        bool precompiled = cor.ManagedNativeHeaderDirectory.Size > 0;
        Assert.True(expected == precompiled, $"{path}: precompiled {precompiled}, expected {expected} ({configuration}, {RuntimeInformation.RuntimeIdentifier})");
        Assert.True(pe.HasMetadata, $"{path}: a precompiled image keeps its IL and metadata");
    }
}
