namespace SuperRes.Models;

/// <summary>Settings of <see cref="LapSrn"/>. The published models: width 64, depth 10 (x2, x4) or 5 (x8), Y channel.</summary>
public sealed record LapSrnOptions : ModelOptions
{
    /// <summary>Feature channels.</summary>
    public int Width { get; init; } = 64;

    /// <summary>3x3 convolutions per pyramid level.</summary>
    public int Depth { get; init; } = 10;

    /// <summary>Negative slope of the LeakyReLUs.</summary>
    public float LeakySlope { get; init; } = 0.2f;

    public override void Validate()
    {
        base.Validate();
        if (!ScaleIsPowerOfTwo) throw new ArgumentException($"LapSRN upscales by powers of two (2, 4, 8), not {Scale}.");
        RequirePositive(Width, nameof(Width));
        RequirePositive(Depth, nameof(Depth));
    }
}
