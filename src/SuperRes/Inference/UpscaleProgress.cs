namespace SuperRes.Inference;

/// <summary>Where an <see cref="Upscaler"/> run stands: tiles done of the total, time so far and the estimate of what is left.</summary>
public readonly record struct UpscaleProgress(int TilesDone, int TilesTotal, TimeSpan Elapsed, TimeSpan Remaining)
{
    public double Fraction => TilesTotal == 0 ? 1 : (double)TilesDone / TilesTotal;
}
