namespace SuperRes.Models;

/// <summary>Settings of <see cref="RrdbNet"/>; the defaults are RealESRGAN_x4plus (64 features, 23 blocks, growth 32, RGB).</summary>
public sealed record RrdbNetOptions : ModelOptions
{
    public RrdbNetOptions() => Channels = 3;

    /// <summary>Feature channels (num_feat).</summary>
    public int Width { get; init; } = 64;

    /// <summary>Residual-in-residual dense blocks (num_block).</summary>
    public int Blocks { get; init; } = 23;

    /// <summary>Channels each dense layer adds (num_grow_ch).</summary>
    public int GrowthChannels { get; init; } = 32;

    /// <summary>RRDBNet also runs at scale 1 and 2 (the input is pixel-unshuffled by 4 or 2 first).</summary>
    public override void Validate()
    {
        if (Scale is not (1 or 2 or 4)) throw new ArgumentException($"RRDBNet upscales by 1, 2 or 4, not {Scale}.");
        if (Channels is not (1 or 3)) throw new ArgumentException($"Channels {Channels} must be 1 (Y) or 3 (RGB).");
        RequirePositive(Width, nameof(Width));
        RequirePositive(Blocks, nameof(Blocks));
        RequirePositive(GrowthChannels, nameof(GrowthChannels));
    }
}
