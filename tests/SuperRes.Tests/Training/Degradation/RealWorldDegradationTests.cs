using SuperRes.Evaluation;
using SuperRes.Metrics;
using SuperRes.Processing;
using SuperRes.Training;
using SuperRes.Training.Data;
using SuperRes.Training.Degradation;

namespace SuperRes.Tests.Training.Degradation;

public class RealWorldDegradationTests
{
    /// <summary>A smooth colour patch with some texture, in [0, 255].</summary>
    internal static Plane[] Patch(int size, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, 3).Select(c =>
        {
            var p = new Plane(size, size);
            for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++)
                    p.Data[y * size + x] = (float)Math.Round(Math.Clamp(128 + 80 * Math.Sin(0.07 * x + 0.05 * y + c) + 15 * random.NextDouble(), 0, 255));
            return p;
        }).ToArray();
    }

    private static readonly RealWorldDegradation Pipeline = new(new DegradationConfig());

    [Theory]
    [InlineData(64, 4)]
    [InlineData(48, 2)]
    [InlineData(96, 4)]
    public void Apply_GivesEightBitPlanesOfTheLrSize(int size, int scale)
    {
        var hr = Patch(size, 1);
        for (int seed = 0; seed < 6; seed++)
        {
            var lr = Pipeline.Apply(hr, scale, TrainingRandom.For(3, seed));
            Assert.Equal(3, lr.Length);
            Assert.All(lr, p => Assert.Equal((size / scale, size / scale), (p.Width, p.Height)));
            Assert.All(lr, p => Assert.All(p.Data, v => Assert.True(v >= 0 && v <= 255 && v == MathF.Round(v), $"sample {v}")));
        }
    }

    [Fact]
    public void Apply_IsAFunctionOfTheStream()
    {
        var hr = Patch(64, 2);
        var a = Pipeline.Apply(hr, 4, TrainingRandom.For(7, 1));
        var b = Pipeline.Apply(hr, 4, TrainingRandom.For(7, 1));
        var c = Pipeline.Apply(hr, 4, TrainingRandom.For(7, 2));
        for (int ch = 0; ch < 3; ch++) Assert.Equal(a[ch].Data, b[ch].Data);
        Assert.NotEqual(a[0].Data, c[0].Data);
        Assert.Equal(Patch(64, 2)[1].Data, hr[1].Data); // the input is left as it was
    }

    [Fact]
    public void Apply_UsesTheJpegRangeTwiceAndResizesAsConfigured()
    {
        var hr = Patch(64, 3);
        var qualities = new List<int>();
        var firstSizes = new List<int>();
        for (int seed = 0; seed < 40; seed++)
        {
            var trace = new DegradationTrace();
            Pipeline.Apply(hr, 4, TrainingRandom.For(11, seed), trace);
            Assert.Equal(2, trace.JpegQualities.Count);
            qualities.AddRange(trace.JpegQualities);
            Assert.Equal(3, trace.Sizes.Count);
            firstSizes.Add(trace.Sizes[0].Width);
            Assert.InRange(trace.Sizes[0].Width, (int)(64 * 0.15), (int)(64 * 1.5));
            Assert.InRange(trace.Sizes[1].Width, (int)(16 * 0.3), (int)(16 * 1.2));
            Assert.Equal((16, 16), trace.Sizes[2]);
        }
        Assert.All(qualities, q => Assert.InRange(q, 30, 95));
        Assert.True(qualities.Min() < 40 && qualities.Max() > 85, $"qualities {qualities.Min()}..{qualities.Max()}");
        Assert.Contains(firstSizes, w => w < 64);
        Assert.Contains(firstSizes, w => w > 64);
    }

    [Fact]
    public void Apply_DegradesMoreThanBicubicDownscaling()
    {
        var hr = Patch(128, 4);
        var bicubic = hr.Select(p => Imresize.Resize(p, 0.25)).ToArray();
        double psnr = 0;
        for (int seed = 0; seed < 8; seed++)
        {
            var lr = Pipeline.Apply(hr, 4, TrainingRandom.For(13, seed));
            psnr += Enumerable.Range(0, 3).Average(c => PsnrMetric.Compute(bicubic[c], lr[c]));
        }
        Assert.InRange(psnr / 8, 10, 40); // close in content (same scene), but not the clean bicubic image
    }

    [Fact]
    public void JpegRoundTrip_LowerQualityLosesMore()
    {
        var hr = Patch(64, 5);
        double high = Enumerable.Range(0, 3).Average(c => PsnrMetric.Compute(hr[c], JpegRoundTrip.Apply(hr, 95)[c]));
        double low = Enumerable.Range(0, 3).Average(c => PsnrMetric.Compute(hr[c], JpegRoundTrip.Apply(hr, 30)[c]));
        Assert.True(high > 35 && low < high - 3, $"q95 {high:F2} dB, q30 {low:F2} dB");
    }

    [Fact]
    public void PatchSampler_WithDegradation_GivesDegradedLrAndTheCleanTarget_Deterministically()
    {
        var images = TrainingImageSet.FromPlanes([Patch(100, 6)], SuperResolverInput.Color);
        var sampler = new PatchSampler(images, new PatchOptions(48, 4, Degradation: new DegradationConfig()));
        var a = sampler.Sample(TrainingRandom.For(1, 0, 0));
        var b = sampler.Sample(TrainingRandom.For(1, 0, 0));
        Assert.Equal((12, 12), (a.Input[0].Width, a.Input[0].Height));
        Assert.Equal((48, 48), (a.HighResolution[0].Width, a.HighResolution[0].Height));
        for (int c = 0; c < 3; c++) Assert.Equal(a.Input[c].Data, b.Input[c].Data);
        Assert.Throws<ArgumentException>(() => new PatchSampler(images, new PatchOptions(48, 4, MultiLevel: true, Degradation: new DegradationConfig())));
    }

    [Fact]
    public void TrainingConfig_ReadsTheDegradationWithDefaultsAndNamesABadField()
    {
        var dir = Directory.CreateTempSubdirectory("superres-degradation-");
        try
        {
            var good = Path.Combine(dir.FullName, "good.json");
            File.WriteAllText(good, """{"name": "good", "model": "srvggnet-compact", "degradation": {"second": {"jpegRange": [40, 60]}}}""");
            var config = TrainingConfig.Load(good);
            Assert.Equal([30.0, 95.0], config.Degradation!.First.JpegRange);
            Assert.Equal([40.0, 60.0], config.Degradation.Second.JpegRange);
            Assert.Equal(0.2, config.Degradation.First.BlurSigma[0]);
            var bad = Path.Combine(dir.FullName, "bad.json");
            File.WriteAllText(bad, """{"name": "bad", "model": "srvggnet-compact", "degradation": {"first": {"resizeProbabilities": [0.5, 0.6, 0.1]}}}""");
            var e = Assert.Throws<InvalidDataException>(() => TrainingConfig.Load(bad));
            Assert.Contains("degradation.first.resizeProbabilities", e.Message);
            var lapsrn = Path.Combine(dir.FullName, "lapsrn.json");
            File.WriteAllText(lapsrn, """{"name": "lapsrn", "degradation": {}}""");
            Assert.Contains("multiLevel", Assert.Throws<InvalidDataException>(() => TrainingConfig.Load(lapsrn)).Message);
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
