namespace SuperRes.Losses;

/// <summary>How an element-wise loss map becomes a number.</summary>
public enum Reduction
{
    /// <summary>Mean over every element (BasicSR's default).</summary>
    Mean,

    /// <summary>Sum over every element.</summary>
    Sum,

    /// <summary>Sum over every element divided by the batch size (LapSRN's normalisation).</summary>
    SumPerSample,
}
