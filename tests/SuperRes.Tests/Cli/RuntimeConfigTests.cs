using System.Text.Json;

namespace SuperRes.Tests.Cli;

/// <summary>The superres tool's runtime settings, as built next to it (SuperRes.Cli.runtimeconfig.json).</summary>
public sealed class RuntimeConfigTests
{
    [Fact]
    public void Tool_CompilesMethodsWithLoopsFullyOnFirstCall()
    {
        var path = Path.Combine(Path.GetDirectoryName(typeof(SuperRes.Cli.ExitCodes).Assembly.Location)!, "SuperRes.Cli.runtimeconfig.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var properties = doc.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.False(properties.GetProperty("System.Runtime.TieredCompilation.QuickJitForLoops").GetBoolean());
        Assert.False(properties.GetProperty("System.Runtime.TieredPGO").GetBoolean());
        // Start-up code without loops stays at tier 0: compiling it fully cost the README job 0.1 s.
        Assert.False(properties.TryGetProperty("System.Runtime.TieredCompilation", out var tiered) && !tiered.GetBoolean());
    }
}
