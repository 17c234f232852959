using SuperRes.Evaluation;
using SuperRes.Processing;

namespace SuperRes.Tests.Evaluation;

public sealed class BenchmarkProtocolTests
{
    /// <summary>A luma model that upscales Y bicubically, and remembers what it got.</summary>
    private sealed class LumaBicubic : ISuperResolver
    {
        public int PlanesSeen { get; private set; }
        public string Name => "luma-bicubic";
        public SuperResolverInput Input => SuperResolverInput.Luma;

        public Plane[] Upscale(IReadOnlyList<Plane> lowResolution, int scale)
        {
            PlanesSeen = lowResolution.Count;
            return Imresize.Resize(lowResolution, scale);
        }
    }

    private sealed class WrongSize : ISuperResolver
    {
        public string Name => "wrong";
        public SuperResolverInput Input => SuperResolverInput.Color;
        public Plane[] Upscale(IReadOnlyList<Plane> lowResolution, int scale) => lowResolution.Select(p => p.Clone()).ToArray();
    }

    [Fact]
    public void GroundTruth_ModCropsAndDropsAlpha()
    {
        var hr = new BenchmarkProtocol(4).GroundTruth(TestImages.Smooth(30, 23, 4, seed: 1));
        Assert.Equal(3, hr.Length);
        Assert.All(hr, p => Assert.Equal((28, 20), (p.Width, p.Height)));
    }

    [Fact]
    public void LowResolution_Uint8_IsOnTheIntegerGrid()
    {
        var protocol = new BenchmarkProtocol(3, LrPrecision.Uint8);
        var lr = protocol.LowResolution(protocol.GroundTruth(TestImages.Smooth(30, 24, 3, seed: 2)));
        Assert.All(lr, p => Assert.Equal((10, 8), (p.Width, p.Height)));
        Assert.All(lr, p => Assert.All(p.Data, v => Assert.Equal(Math.Round(v), v)));
    }

    [Fact]
    public void LowResolution_Float_KeepsFractions()
    {
        var protocol = new BenchmarkProtocol(3);
        var lr = protocol.LowResolution(protocol.GroundTruth(TestImages.Smooth(30, 24, 3, seed: 2)));
        Assert.Contains(lr[0].Data, v => v != Math.Round(v));
    }

    [Fact]
    public void Evaluate_Bicubic_MatchesTheDoublePrecisionReference()
    {
        var image = TestImages.Smooth(41, 37, 3, seed: 3);
        var result = new BenchmarkProtocol(2).Evaluate(image, new BicubicSuperResolver(), "a.png");
        Assert.Equal((40, 36, 3, 8), (result.SuperResolved.Width, result.SuperResolved.Height, result.SuperResolved.Channels, result.SuperResolved.BitDepth));
        var (psnr, ssim, hfen) = AssertMatchesReference(image, 2, result);
        Assert.Equal(psnr, result.Score.Psnr, 1e-4);
        Assert.Equal(ssim, result.Score.Ssim, 1e-6);
        Assert.Equal(hfen, result.Score.Hfen, 1e-6);
    }

    /// <summary>
    /// Runs <see cref="ReferencePipeline"/> (modcrop, imresize down and up in double, rounding, Y,
    /// shave); asserts every SR sample is the reference's; returns the reference PSNR, SSIM and HFEN.
    /// </summary>
    internal static (double Psnr, double Ssim, double Hfen) AssertMatchesReference(SuperRes.Imaging.Image image, int scale, ImageEvaluation result)
    {
        int channels = image.ColorChannels;
        var hr = ReferencePipeline.Planes(image, channels).Select(p => ReferencePipeline.ModCrop(p, scale)).ToArray();
        var sr = hr.Select(p => ReferencePipeline.Quantize(ReferencePipeline.Resize(ReferencePipeline.Resize(p, 1.0 / scale), scale), image.BitDepth)).ToArray();
        var actual = ReferencePipeline.Planes(result.SuperResolved, channels);
        for (int c = 0; c < channels; c++)
            for (int y = 0; y < sr[c].GetLength(0); y++)
                for (int x = 0; x < sr[c].GetLength(1); x++)
                    Assert.True(actual[c][y, x] == sr[c][y, x], $"channel {c} ({x}, {y}): {actual[c][y, x]} against the reference {sr[c][y, x]}");
        var srY = ReferencePipeline.Shave(ReferencePipeline.Luma(sr), scale);
        var hrY = ReferencePipeline.Shave(ReferencePipeline.Luma(hr), scale);
        return (ReferencePipeline.Psnr(srY, hrY), ReferencePipeline.Ssim(srY, hrY), ReferencePipeline.Hfen(srY, hrY));
    }

    [Fact]
    public void Evaluate_LumaModel_GetsOnlyYAndMatchesRgbBicubic()
    {
        // Bicubic is linear and YCbCr affine, so Y-only bicubic plus bicubic chroma equals RGB bicubic.
        var image = TestImages.Smooth(40, 36, 3, seed: 4);
        var protocol = new BenchmarkProtocol(4);
        var luma = new LumaBicubic();
        var viaLuma = protocol.Evaluate(image, luma, "x").Score;
        var viaRgb = protocol.Evaluate(image, new BicubicSuperResolver(), "x").Score;
        Assert.Equal(1, luma.PlanesSeen);
        Assert.Equal(viaRgb.Psnr, viaLuma.Psnr, 2);
    }

    [Fact]
    public void Evaluate_GrayImage_MeasuresTheGrayPlane()
    {
        var image = TestImages.Smooth(36, 36, 1, seed: 5);
        var result = new BenchmarkProtocol(3).Evaluate(image, new BicubicSuperResolver(), "g.png");
        Assert.Equal(1, result.SuperResolved.Channels);
        var (psnr, ssim, _) = AssertMatchesReference(image, 3, result);
        Assert.Equal(psnr, result.Score.Psnr, 1e-4);
        Assert.Equal(ssim, result.Score.Ssim, 1e-6);
    }

    [Fact]
    public void Evaluate_ModelReturningWrongSize_ThrowsNamingTheModel()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            new BenchmarkProtocol(2).Evaluate(TestImages.Smooth(40, 40, 3, seed: 6), new WrongSize(), "w.png"));
        Assert.Contains("wrong", e.Message);
    }

    [Fact]
    public void Evaluate_ImageTooSmallForMetrics_Throws() =>
        Assert.Throws<ArgumentException>(() =>
            new BenchmarkProtocol(4).Evaluate(TestImages.Smooth(16, 16, 3, seed: 7), new BicubicSuperResolver(), "tiny.png"));
}
