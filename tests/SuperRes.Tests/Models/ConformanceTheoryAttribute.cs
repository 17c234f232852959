namespace SuperRes.Tests.Models;

/// <summary>
/// A theory over the full benchmark sets: minutes of compute, so it runs only when
/// SUPERRES_CONFORMANCE=1 and ../shared is present; otherwise it is skipped with the reason.
/// </summary>
public sealed class ConformanceTheoryAttribute : TheoryAttribute
{
    public ConformanceTheoryAttribute()
    {
        if (Environment.GetEnvironmentVariable("SUPERRES_CONFORMANCE") != "1")
            Skip = "Full-set conformance runs only with SUPERRES_CONFORMANCE=1 (slow on the reference conv kernel).";
        else if (!Directory.Exists(TestPaths.Pretrained) || !Directory.Exists(TestPaths.Datasets))
            Skip = $"{TestPaths.Shared} lacks pretrained/ or datasets/.";
    }
}
