namespace SuperRes.Evaluation;

/// <summary>The evaluation of one method on one dataset folder at one scale.</summary>
public sealed record DatasetResult(
    string Dataset,
    int Scale,
    string Model,
    IReadOnlyList<ImageScore> Images,
    IReadOnlyList<ImageFailure> Failures,
    double Seconds)
{
    /// <summary>Mean PSNR over the images evaluated (NaN if none).</summary>
    public double Psnr => Mean(s => s.Psnr);

    public double Ssim => Mean(s => s.Ssim);

    public double Hfen => Mean(s => s.Hfen);

    private double Mean(Func<ImageScore, double> metric) => Images.Count == 0 ? double.NaN : Images.Average(metric);
}
