using SuperRes.Evaluation;
using Xunit.Abstractions;

namespace SuperRes.Tests.Evaluation;

/// <summary>
/// The protocol against the reference figures for bicubic (LR kept in float), measured in MATLAB
/// with the published protocol. Tolerance: 0.005 dB, 0.001 SSIM.
/// </summary>
public sealed class BenchmarkConformanceTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("Set5", 4, 28.4322, 0.8113)]
    [InlineData("Set14", 4, 26.0098, 0.7034)]
    [InlineData("Set5", 2, 33.6869, 0.9306)]
    [InlineData("Set14", 2, 30.2520, 0.8695)]
    public void EvaluateFolder_BicubicFloatLr_MatchesReference(string dataset, int scale, double psnr, double ssim)
    {
        var folder = Path.Combine(TestPaths.Datasets, dataset);
        var result = new Evaluator(new BicubicSuperResolver()).EvaluateFolder(folder, new BenchmarkProtocol(scale));

        foreach (var image in result.Images)
            output.WriteLine($"{image.Name}: {image.Psnr:F4} dB, SSIM {image.Ssim:F4}, HFEN {image.Hfen:F4}");
        output.WriteLine($"{dataset} x{scale}: {result.Psnr:F5} / {result.Ssim:F5} / {result.Hfen:F5} in {result.Seconds:F2} s");
        Assert.Empty(result.Failures);
        Assert.Equal(Evaluator.ImageFiles(folder).Count, result.Images.Count);
        Assert.InRange(result.Psnr, psnr - 0.005, psnr + 0.005);
        Assert.InRange(result.Ssim, ssim - 0.001, ssim + 0.001);
    }
}
