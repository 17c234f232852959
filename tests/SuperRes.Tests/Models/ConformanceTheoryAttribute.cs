namespace SuperRes.Tests.Models;

/// <summary>
/// A theory over the full benchmark sets with the published weights: runs when ../shared holds
/// pretrained/ and datasets/; otherwise it is skipped with the reason.
/// </summary>
public sealed class ConformanceTheoryAttribute : TheoryAttribute
{
    public ConformanceTheoryAttribute()
    {
        if ((!Directory.Exists(TestPaths.Pretrained) || !Directory.Exists(TestPaths.Datasets)) && !TestPaths.IsCi)
            Skip = $"{TestPaths.Shared} lacks pretrained/ or datasets/.";
    }
}
