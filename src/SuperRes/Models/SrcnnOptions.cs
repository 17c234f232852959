namespace SuperRes.Models;

/// <summary>Settings of <see cref="Srcnn"/>: the 9-5-5 network with 64 and 32 feature maps by default.</summary>
public sealed record SrcnnOptions : ModelOptions
{
    public int Width1 { get; init; } = 64;
    public int Width2 { get; init; } = 32;
    public int Kernel1 { get; init; } = 9;
    public int Kernel2 { get; init; } = 5;
    public int Kernel3 { get; init; } = 5;

    public override void Validate()
    {
        base.Validate();
        RequirePositive(Width1, nameof(Width1));
        RequirePositive(Width2, nameof(Width2));
        foreach (var k in new[] { Kernel1, Kernel2, Kernel3 })
            if (k < 1 || k % 2 == 0) throw new ArgumentException($"SRCNN kernel sizes must be odd and positive, got {k}.");
    }
}
