namespace SuperRes.Tests.Weights;

/// <summary>A theory that is skipped, with a message saying why, when ../shared/pretrained is absent.</summary>
public sealed class PretrainedTheoryAttribute : TheoryAttribute
{
    public PretrainedTheoryAttribute()
    {
        if (!Directory.Exists(TestPaths.Pretrained) && !TestPaths.IsCi)
            Skip = $"{TestPaths.Pretrained} is absent: the published LapSRN weights are not available here.";
    }
}
