using System.Text.Json.Serialization;

namespace SuperRes.Models;

/// <summary>Settings of <see cref="ResUNetLr"/>: those of <see cref="ResUNetOptions"/>, the body running on the LR image.</summary>
public sealed record ResUNetLrOptions : ModelOptions
{
    /// <summary>Channels at LR resolution; each downscaling level doubles them.</summary>
    public int Width { get; init; } = 64;

    /// <summary>Strided-conv downscaling levels (D).</summary>
    public int Levels { get; init; } = 2;

    /// <summary>Residual blocks (R) at every level of the encoder and of the decoder.</summary>
    public int BlocksPerLevel { get; init; } = 2;

    [JsonConverter(typeof(JsonStringEnumConverter<ResUNetUpsampling>))]
    public ResUNetUpsampling Upsampling { get; init; } = ResUNetUpsampling.TransposedConv;

    public override void Validate()
    {
        base.Validate();
        RequirePositive(Width, nameof(Width));
        RequirePositive(Levels, nameof(Levels));
        if (BlocksPerLevel < 0) throw new ArgumentException($"BlocksPerLevel must not be negative, got {BlocksPerLevel}.");
        if (Levels > 4) throw new ArgumentException($"At most 4 downscaling levels, got {Levels}.");
        if (ResUNetLr.UpscaleFactors(Scale) is null) throw new ArgumentException($"Scale {Scale} is not 3 or a power of 2: the upsampling tail is x2 (or x3) pixel-shuffle stages.");
    }
}
