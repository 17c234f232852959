using SuperRes.Processing;
using SuperRes.Training.Degradation;

namespace SuperRes.Tests.Training.Degradation;

public class DegradedBenchmarkTests
{
    [Fact]
    public void RealEsrgan_IsAFunctionOfSeedAndName()
    {
        var hr = RealWorldDegradationTests.Patch(64, 1);
        var bench = new DegradedBenchmark("realesrgan", 4, seed: 1);
        var a = bench.LowResolution(hr, "baboon.png");
        var again = new DegradedBenchmark("RealESRGAN", 4, seed: 1).LowResolution(hr, "baboon.png");
        var otherName = bench.LowResolution(hr, "zebra.png");
        var otherSeed = new DegradedBenchmark("realesrgan", 4, seed: 2).LowResolution(hr, "baboon.png");
        Assert.Equal((16, 16), (a[0].Width, a[0].Height));
        for (int c = 0; c < 3; c++) Assert.Equal(a[c].Data, again[c].Data);
        Assert.NotEqual(a[0].Data, otherName[0].Data);
        Assert.NotEqual(a[0].Data, otherSeed[0].Data);
    }

    [Fact]
    public void Jpeg_IsJpegAtThatQualityThenBicubicDownscaling()
    {
        var hr = RealWorldDegradationTests.Patch(48, 2);
        var lr = new DegradedBenchmark("jpeg40", 4, seed: 1).LowResolution(hr, "x.png");
        var expected = Imresize.Resize(JpegRoundTrip.Apply(hr, 40), 0.25, KnownResizeKernels.Bicubic).Select(p => ImagePlanes.Quantize(p)).ToArray();
        for (int c = 0; c < 3; c++) Assert.Equal(expected[c].Data, lr[c].Data);
        var q90 = new DegradedBenchmark("jpeg90", 4, seed: 1).LowResolution(hr, "x.png");
        Assert.NotEqual(q90[0].Data, lr[0].Data);
    }

    [Theory]
    [InlineData("jpeg")]
    [InlineData("jpeg0")]
    [InlineData("jpeg101")]
    [InlineData("gaussian")]
    public void Constructor_UnknownKind_NamesIt(string kind) =>
        Assert.Contains(kind, Assert.Throws<ArgumentException>(() => new DegradedBenchmark(kind, 4, 1)).Message);
}
