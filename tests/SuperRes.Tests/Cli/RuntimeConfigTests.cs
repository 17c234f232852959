using System.Text.Json;

namespace SuperRes.Tests.Cli;

/// <summary>The superres tool's runtime settings, as built next to it (SuperRes.Cli.runtimeconfig.json).</summary>
public sealed class RuntimeConfigTests
{
    [Fact]
    public void Tool_CompilesMethodsFullyOnFirstCall()
    {
        var path = Path.Combine(Path.GetDirectoryName(typeof(SuperRes.Cli.ExitCodes).Assembly.Location)!, "SuperRes.Cli.runtimeconfig.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var properties = doc.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.False(properties.GetProperty("System.Runtime.TieredCompilation").GetBoolean());
    }
}
