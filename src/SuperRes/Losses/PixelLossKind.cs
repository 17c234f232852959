namespace SuperRes.Losses;

/// <summary>The element-wise functions of the difference d = sr - hr.</summary>
public enum PixelLossKind
{
    /// <summary>d².</summary>
    Mse,

    /// <summary>|d|.</summary>
    L1,

    /// <summary>sqrt(d² + eps²), LapSRN's robust L1 (eps = 1e-3).</summary>
    Charbonnier,
}
