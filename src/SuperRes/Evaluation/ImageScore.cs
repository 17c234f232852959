namespace SuperRes.Evaluation;

/// <summary>The metrics of one image: PSNR in dB, SSIM, HFEN (lower is better).</summary>
public sealed record ImageScore(string Name, double Psnr, double Ssim, double Hfen);
