namespace SuperRes.Models;

/// <summary>Settings of <see cref="SpanNet"/>; the defaults are the NTIRE 2024 SPAN (48 features, x4, RGB, normalised input).</summary>
public sealed record SpanOptions : ModelOptions
{
    public SpanOptions() => Channels = 3;

    /// <summary>Feature channels (feature_channels).</summary>
    public int Width { get; init; } = 48;

    /// <summary>Whether the input is mean-subtracted and scaled by 255 first (false when the checkpoint has <c>no_norm</c>).</summary>
    public bool Normalize { get; init; } = true;

    public override void Validate()
    {
        base.Validate();
        RequirePositive(Width, nameof(Width));
        if (Normalize && Channels != 3) throw new ArgumentException("SPAN's input normalisation needs RGB (Channels = 3).");
    }
}
