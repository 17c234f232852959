using System.Text.Json;
using SuperRes.Models;

namespace SuperRes.Tests.Models;

/// <summary>
/// Every architecture's options round-trip through the JSON model files and configs hold, and a
/// partial object keeps the defaults of what it leaves out. (System.Text.Json's build-time generated
/// code was tried for these records and set every omitted init-only property to zero.)
/// </summary>
public sealed class ModelOptionsJsonTests
{
    public static TheoryData<string> Architectures()
    {
        var names = new TheoryData<string>();
        foreach (var descriptor in KnownModels.All) names.Add(descriptor.Name);
        return names;
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Options_RoundTrip(string name)
    {
        var descriptor = KnownModels.Get(name);
        var options = descriptor.DefaultOptions with { Scale = 2 };

        Assert.Equal(options, descriptor.ParseOptions(descriptor.SerializeOptions(options)));
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void PartialOptions_KeepTheDefaultsOfWhatTheyLeaveOut(string name)
    {
        var descriptor = KnownModels.Get(name);

        var options = descriptor.ParseOptions("""{"Channels": 3}""");

        Assert.Equal(descriptor.DefaultOptions with { Channels = 3 }, options);
        Assert.Equal(descriptor.DefaultOptions, descriptor.ParseOptions("{}"));
    }
}
