namespace SuperRes.Imaging.Jpeg;

/// <summary>Settings of <see cref="JpegEncoder"/>.</summary>
public sealed record JpegEncoderOptions
{
    public static JpegEncoderOptions Default { get; } = new();

    /// <summary>1 (smallest) to 100 (best), IJG's scaling of the T.81 Annex K tables; default 90.</summary>
    public int Quality { get; init; } = 90;

    /// <summary>Chroma at half resolution in both directions (4:2:0, the default) or full (4:4:4).</summary>
    public bool Subsample { get; init; } = true;

    /// <summary>An ICC profile to embed in APP2 <c>ICC_PROFILE</c> segments, or null.</summary>
    public byte[]? IccProfile { get; init; }

    internal void Validate()
    {
        if (Quality is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(Quality), $"JPEG quality must be 1..100, got {Quality}.");
        if (IccProfile is { Length: > 255 * IccChunk }) throw new ArgumentException($"ICC profile of {IccProfile.Length} bytes is too large for APP2 segments.");
    }

    /// <summary>ICC bytes per APP2 segment (65535 - 2 length bytes - 14 header bytes).</summary>
    internal const int IccChunk = 65519;
}
