namespace SuperRes.Tensors.Tests;

/// <summary>Tests that read process-wide counters (allocated bytes, pool allocations) run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial";
}
