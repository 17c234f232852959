namespace SuperRes.Models;

/// <summary>Settings of <see cref="Vdsr"/>: 20 layers of 64 channels by default.</summary>
public sealed record VdsrOptions : ModelOptions
{
    /// <summary>Convolution layers, first and last included.</summary>
    public int Depth { get; init; } = 20;

    public int Width { get; init; } = 64;

    public override void Validate()
    {
        base.Validate();
        if (Depth < 2) throw new ArgumentException($"VDSR needs at least 2 layers, got {Depth}.");
        RequirePositive(Width, nameof(Width));
    }
}
