namespace SuperRes.Training.Degradation;

/// <summary>What one run of <see cref="RealWorldDegradation"/> drew, in order (for tests and inspection).</summary>
public sealed class DegradationTrace
{
    /// <summary>Each step as text, e.g. "blur anisotropic 15", "resize bicubic 96x96", "jpeg 57".</summary>
    public List<string> Steps { get; } = [];

    /// <summary>The two JPEG qualities used.</summary>
    public List<int> JpegQualities { get; } = [];

    /// <summary>The plane size after each resize, in order.</summary>
    public List<(int Width, int Height)> Sizes { get; } = [];
}
