namespace SuperRes.Models;

/// <summary>Settings of <see cref="Edsr"/>; the defaults are EDSR-baseline (16 blocks, 64 channels, RGB).</summary>
public sealed record EdsrOptions : ModelOptions
{
    public EdsrOptions() => Channels = 3;

    public int Width { get; init; } = 64;
    public int Blocks { get; init; } = 16;

    /// <summary>Residual scaling (1 for the baseline, 0.1 for the large EDSR).</summary>
    public float ResidualScale { get; init; } = 1f;

    public override void Validate()
    {
        base.Validate();
        if (!ScaleIsPowerOfTwo && Scale != 3) throw new ArgumentException($"EDSR upscales by 2, 3, 4 or 8, not {Scale}.");
        RequirePositive(Width, nameof(Width));
        RequirePositive(Blocks, nameof(Blocks));
    }
}
