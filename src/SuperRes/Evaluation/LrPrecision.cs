namespace SuperRes.Evaluation;

/// <summary>How the protocol keeps the low-resolution image it makes.</summary>
public enum LrPrecision
{
    /// <summary>In floating point, as LapSRN's evaluation does (and our reference figures).</summary>
    Float,

    /// <summary>Rounded and clipped to 8 bits (the image's bit depth), as an LR file on disk would be.</summary>
    Uint8,
}
