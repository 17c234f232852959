using System.Text.Json.Serialization;

namespace SuperRes.Models;

/// <summary>
/// Settings shared by every network: the upscaling factor and the image channels it works on
/// (1 = the Y channel, 3 = RGB). Each architecture adds its own typed settings in a derived record.
/// </summary>
public abstract record ModelOptions
{
    /// <summary>Upscaling factor.</summary>
    public int Scale { get; init; } = 4;

    /// <summary>1 for Y (luma) models, 3 for RGB models.</summary>
    public int Channels { get; init; } = 1;

    /// <summary>Throws <see cref="ArgumentException"/> when a setting is out of range.</summary>
    public virtual void Validate()
    {
        if (Scale is < 2 or > 8) throw new ArgumentException($"Scale {Scale} must be between 2 and 8.");
        if (Channels is not (1 or 3)) throw new ArgumentException($"Channels {Channels} must be 1 (Y) or 3 (RGB).");
    }

    protected static void RequirePositive(int value, string name)
    {
        if (value < 1) throw new ArgumentException($"{name} must be positive, got {value}.");
    }

    [JsonIgnore]
    internal bool ScaleIsPowerOfTwo => (Scale & (Scale - 1)) == 0;
}
