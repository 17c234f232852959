namespace SuperRes.Server.Tests;

/// <summary>Tests that measure the process (memory, timing) run alone, not beside the other test classes.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial";
}
