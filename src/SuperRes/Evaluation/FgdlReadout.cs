namespace SuperRes.Evaluation;

/// <summary>One way of reading an image out of an FGDL network's level, and its mean scores.</summary>
/// <param name="Name">What was read out (see <see cref="FgdlReadoutDiagnostics"/>).</param>
/// <param name="Psnr">Mean PSNR on Y, <c>scale</c> pixels shaved, rounded to 8 bits.</param>
/// <param name="Ssim">Mean SSIM, same planes.</param>
public sealed record FgdlReadout(string Name, double Psnr, double Ssim);
