namespace SuperRes.Evaluation;

/// <summary>
/// The MSE and HFENN terms of real SR errors (<see cref="LossBalanceMeasurement"/>), pixel-weighted
/// over the images, intensities in [0, 1], so that the composite loss MSE + alpha HFENN can be
/// weighted to give HFENN a chosen share.
/// </summary>
/// <param name="Images">Images measured.</param>
/// <param name="Pixels">Pixels measured (Y).</param>
/// <param name="Mse">mean d², d = sr − hr.</param>
/// <param name="Hfenn">mean LoG(d)², the HFENN loss with weight 1.</param>
public sealed record LossBalance(int Images, long Pixels, double Mse, double Hfenn)
{
    /// <summary>HFENN / MSE.</summary>
    public double Ratio => Hfenn / Mse;

    /// <summary>The alpha that makes alpha·HFENN <paramref name="share"/> times the MSE term.</summary>
    public double AlphaFor(double share) => share / Ratio;
}
