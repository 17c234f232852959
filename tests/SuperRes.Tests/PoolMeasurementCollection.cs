namespace SuperRes.Tests;

/// <summary>
/// Tests that measure the tensor pool's global byte counts: they run alone, after the parallel
/// tests, so that no other test's tensors come and go during a measurement.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PoolMeasurementCollection
{
    public const string Name = "Pool measurement";
}
