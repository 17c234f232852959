namespace SuperRes.Models;

/// <summary>Settings of <see cref="Fsrcnn"/>: FSRCNN(d, s, m) = (56, 12, 4) by default.</summary>
public sealed record FsrcnnOptions : ModelOptions
{
    /// <summary>Feature channels (d).</summary>
    public int Width { get; init; } = 56;

    /// <summary>Shrunk channels (s).</summary>
    public int Shrink { get; init; } = 12;

    /// <summary>Mapping layers (m).</summary>
    public int Depth { get; init; } = 4;

    public override void Validate()
    {
        base.Validate();
        RequirePositive(Width, nameof(Width));
        RequirePositive(Shrink, nameof(Shrink));
        RequirePositive(Depth, nameof(Depth));
    }
}
