using System.Text.Json;
using SuperRes.Models;

namespace SuperRes.Tests.Models;

/// <summary>
/// Options are written and read by build-time generated code (<see cref="ModelOptionsJsonContext"/>):
/// it must cover every architecture and write what reflection wrote, which model files already hold.
/// </summary>
public sealed class ModelOptionsJsonTests
{
    private static readonly JsonSerializerOptions Reflection = new() { WriteIndented = false };

    public static TheoryData<string> Architectures()
    {
        var names = new TheoryData<string>();
        foreach (var descriptor in KnownModels.All) names.Add(descriptor.Name);
        return names;
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Options_WrittenAsByReflection_AndReadBack(string name)
    {
        var descriptor = KnownModels.Get(name);
        var options = descriptor.DefaultOptions with { Scale = 2 };

        string json = descriptor.SerializeOptions(options);

        Assert.Equal(JsonSerializer.Serialize(options, options.GetType(), Reflection), json);
        Assert.Equal(options, descriptor.ParseOptions(json));
        Assert.NotNull(ModelOptionsJsonContext.Default.GetTypeInfo(descriptor.OptionsType));
    }
}
