namespace SuperRes.Evaluation;

/// <summary>
/// Two methods compared image by image on the same images (B minus A): the mean differences,
/// how often B wins on PSNR, and the sign test's p-value for "neither is better". Per-image
/// pairing removes the spread between images, which dwarfs the spread between methods.
/// </summary>
public sealed record PairedComparison(
    string Dataset,
    int Scale,
    int Images,
    double PsnrA,
    double PsnrB,
    double MeanPsnrDifference,
    double MeanSsimDifference,
    int Wins,
    int Ties,
    int Losses)
{
    /// <summary>The share of images on which B's PSNR is higher (ties count half).</summary>
    public double WinRate => Images == 0 ? double.NaN : (Wins + 0.5 * Ties) / Images;

    /// <summary>Two-sided exact sign test on the PSNR differences.</summary>
    public double SignTestP => SignTest.TwoSidedP(Wins, Losses);

    /// <summary>
    /// Pairs the images of <paramref name="a"/> and <paramref name="b"/> by name; images found in
    /// only one of them, or whose PSNR is not finite in either, are left out.
    /// </summary>
    /// <param name="dataset">The name the result carries.</param>
    /// <param name="scale">The scale the result carries.</param>
    /// <param name="a">The first method's per-image scores.</param>
    /// <param name="b">The second method's per-image scores.</param>
    /// <param name="tie">PSNR differences within this many dB count as ties.</param>
    public static PairedComparison Compare(string dataset, int scale, IEnumerable<ImageScore> a, IEnumerable<ImageScore> b, double tie = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var byName = new Dictionary<string, ImageScore>(StringComparer.Ordinal);
        foreach (var s in a)
            if (!byName.TryAdd(s.Name, s)) throw new ArgumentException($"image '{s.Name}' appears twice in the first run.", nameof(a));
        int n = 0, wins = 0, ties = 0, losses = 0;
        double sumA = 0, sumB = 0, sumPsnr = 0, sumSsim = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sb in b)
        {
            if (!seen.Add(sb.Name)) throw new ArgumentException($"image '{sb.Name}' appears twice in the second run.", nameof(b));
            if (!byName.TryGetValue(sb.Name, out var sa) || !double.IsFinite(sa.Psnr) || !double.IsFinite(sb.Psnr)) continue;
            double d = sb.Psnr - sa.Psnr;
            n++;
            sumA += sa.Psnr;
            sumB += sb.Psnr;
            sumPsnr += d;
            sumSsim += sb.Ssim - sa.Ssim;
            if (Math.Abs(d) <= tie) ties++;
            else if (d > 0) wins++;
            else losses++;
        }
        double Mean(double sum) => n == 0 ? double.NaN : sum / n;
        return new PairedComparison(dataset, scale, n, Mean(sumA), Mean(sumB), Mean(sumPsnr), Mean(sumSsim), wins, ties, losses);
    }
}
