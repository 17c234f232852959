namespace SuperRes.Models;

/// <summary>Settings of <see cref="SrVggNetCompact"/>; the defaults are realesr-general-x4v3 (64 features, 32 convs, x4, RGB).</summary>
public sealed record SrVggNetCompactOptions : ModelOptions
{
    public SrVggNetCompactOptions() => Channels = 3;

    /// <summary>Feature channels (num_feat).</summary>
    public int Width { get; init; } = 64;

    /// <summary>Body convolutions between the first and the last (num_conv).</summary>
    public int Convs { get; init; } = 32;

    public override void Validate()
    {
        base.Validate();
        RequirePositive(Width, nameof(Width));
        if (Convs < 0) throw new ArgumentException($"Convs must not be negative, got {Convs}.");
    }
}
