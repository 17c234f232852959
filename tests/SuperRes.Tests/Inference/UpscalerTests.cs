using SuperRes.Evaluation;
using SuperRes.Imaging;
using SuperRes.Inference;
using SuperRes.Models;
using SuperRes.Processing;
using SuperRes.Tests.Evaluation;
using static SuperRes.Tests.Inference.InferenceTestModels;

namespace SuperRes.Tests.Inference;

public sealed class UpscalerTests
{
    private const double Tolerance = 1e-5 * 255; // 1e-5 of the network's [0, 1] range, in plane scale

    [Fact]
    public void UpscalePlanes_LapSrnTinyTiles_EqualsUntiled()
    {
        var model = TinyLapSrn();
        var lr = RandomPlane(37, 29, seed: 1);
        var whole = new Upscaler(model, options: new UpscalerOptions { TileSize = 64 }).UpscalePlanes([lr])[0];
        var tiled = new Upscaler(model, options: new UpscalerOptions { TileSize = 8 });

        var result = tiled.UpscalePlanes([lr])[0];

        Assert.Equal((148, 116), (result.Width, result.Height));
        Assert.InRange(tiled.Overlap, 6, 12); // 1 + 3 convs at x1, 3 at x2, two upconvs, residual conv: 26 HR = 7 LR pixels
        Assert.True(tiled.TileSize < lr.Width && tiled.TileSize < lr.Height);
        Assert.InRange(MaxDifference(whole, result), 0, Tolerance);
    }

    [Fact]
    public void UpscalePlanes_StridedResUNetTinyTiles_EqualsUntiled()
    {
        var model = TinyResUNet(scale: 2);
        var lr = RandomPlane(45, 38, seed: 2);
        var whole = new Upscaler(model, options: new UpscalerOptions { TileSize = 64 }).UpscalePlanes([lr])[0];
        var tiled = new Upscaler(model, options: new UpscalerOptions { TileSize = 12 });

        var result = tiled.UpscalePlanes([lr])[0];

        Assert.Equal(2, tiled.Alignment); // two stride-2 levels on the x2 image: 4 HR pixels = 2 LR pixels
        Assert.InRange(MaxDifference(whole, result), 0, Tolerance);
    }

    [Fact]
    public void UpscalePlanes_TooSmallOverlap_DiffersFromUntiled()
    {
        // The test above can fail: without the probed overlap, tiles show seams.
        var model = TinyLapSrn();
        var lr = RandomPlane(37, 29, seed: 1);
        var whole = new Upscaler(model, options: new UpscalerOptions { TileSize = 64 }).UpscalePlanes([lr])[0];
        var seams = new Upscaler(model, options: new UpscalerOptions { TileSize = 4, Overlap = 3, Blend = false }).UpscalePlanes([lr])[0];
        Assert.True(MaxDifference(whole, seams) > 10 * Tolerance, $"{MaxDifference(whole, seams)}");
    }

    [Fact]
    public void Upscale_YModelOnColor_RecombinesBicubicChroma()
    {
        var model = TinyLapSrn(scale: 2);
        var image = TestImages.Smooth(21, 17, 3, seed: 3);
        var upscaler = new Upscaler(model, options: new UpscalerOptions { TileSize = 8 });

        var result = upscaler.Upscale(image);

        // Independently: Y through the network, Cb and Cr bicubic, back to RGB, rounded.
        var ycbcr = ColorConversion.RgbToYCbCr(ImagePlanes.Split(image));
        var y = new Upscaler(model, options: new UpscalerOptions { TileSize = 64 }).UpscalePlanes([ycbcr[0]])[0];
        var expected = ImagePlanes.Merge(
            ColorConversion.YCbCrToRgb([y, Imresize.Resize(ycbcr[1], 2), Imresize.Resize(ycbcr[2], 2)]), 8);
        Assert.Equal((42, 34, 3, 8), (result.Width, result.Height, result.Channels, result.BitDepth));
        Assert.InRange(result.ToUInt16Array().Zip(expected.ToUInt16Array(), (a, b) => Math.Abs(a - b)).Max(), 0, 1);
        Assert.True(result.ToUInt16Array().Zip(expected.ToUInt16Array()).Count(p => p.First != p.Second) < result.SampleCount / 100);
    }

    [Fact]
    public void Upscale_16BitRgbaWithRgbModel_Stays16BitWithBicubicAlpha()
    {
        var model = TinyLapSrn(scale: 2, channels: 3);
        var image = TestImages.Smooth(19, 13, 4, seed: 4, bitDepth: 16);

        var result = new Upscaler(model, options: new UpscalerOptions { TileSize = 8 }).Upscale(image);

        Assert.Equal((38, 26, 4, 16), (result.Width, result.Height, result.Channels, result.BitDepth));
        Assert.Contains(result.ToUInt16Array(), s => s % 257 != 0);
        var alpha = ImagePlanes.Merge([Imresize.Resize(ImagePlanes.Split(image)[3], 2)], 16);
        for (int i = 0; i < alpha.SampleCount; i++) Assert.InRange(Math.Abs(result.GetSample(i * 4 + 3) - alpha.GetSample(i)), 0, 1);
    }

    [Theory]
    [InlineData(4, 16, 3)] // RGBA 16-bit, RGB model
    [InlineData(3, 8, 1)] // RGB through a Y model: chroma bicubic per tile (YCbCrUpscaleMerge)
    [InlineData(3, 16, 1)]
    [InlineData(2, 8, 1)] // gray + alpha
    [InlineData(1, 16, 1)]
    public void Upscale_InBands_EqualsTheWholeImagePathExactly(int channels, int bitDepth, int modelChannels)
    {
        var model = TinyLapSrn(scale: 2, channels: modelChannels);
        var image = TestImages.Smooth(23, 19, channels, seed: 8, bitDepth: bitDepth);
        var reports = new List<UpscaleProgress>();
        var upscaler = new Upscaler(model, options: new UpscalerOptions { TileSize = 8, Progress = reports.Add });
        var bands = new List<Image>();

        upscaler.Upscale(image, band => bands.Add(new Image(band.Width, band.Height, band.Channels, band.BitDepth, band.ToUInt16Array())));

        Assert.Equal([16, 16, 6], bands.Select(b => b.Height)); // 19 rows in tiles of at most 8, balanced (7) then rounded up to even origins: 8, 8 and 3 LR rows, x2
        Assert.All(bands, b => Assert.Equal((46, channels, bitDepth), (b.Width, b.Channels, b.BitDepth)));
        Assert.Equal(9, reports.Count); // 3 x 3 tiles
        var expected = WholeImageReference(upscaler, image);
        Assert.Equal(expected.ToUInt16Array(), bands.SelectMany(b => b.ToUInt16Array()));
        Assert.Equal(expected.ToUInt16Array(), upscaler.Upscale(image).ToUInt16Array());
    }

    [Fact]
    public void Upscale_AnotherImageThroughTheSameUpscaler_EqualsAFreshUpscalers()
    {
        // The upscaler keeps a one-plane network's tile buffers from tile to tile and from image to image.
        var model = TinyLapSrn(scale: 2);
        var upscaler = new Upscaler(model, options: new UpscalerOptions { TileSize = 8 });
        upscaler.Upscale(TestImages.Smooth(23, 19, 3, seed: 1));
        var second = TestImages.Smooth(23, 19, 3, seed: 2);
        var expected = new Upscaler(model, options: new UpscalerOptions { TileSize = 8 }).Upscale(second);
        Assert.Equal(expected.ToUInt16Array(), upscaler.Upscale(second).ToUInt16Array());
    }

    [Fact]
    public void Upscale_OnSeveralThreadsAtOnce_EachEqualsAFreshUpscalers()
    {
        // The kept arrays go to one upscale at a time; the others make their own.
        var model = TinyLapSrn(scale: 2);
        var upscaler = new Upscaler(model, options: new UpscalerOptions { TileSize = 16 });
        var images = Enumerable.Range(0, 6).Select(seed => TestImages.Smooth(120, 90, 3, seed)).ToArray();
        var expected = images.Select(image => new Upscaler(model, options: new UpscalerOptions { TileSize = 16 }).Upscale(image).ToUInt16Array()).ToArray();
        for (int round = 0; round < 3; round++)
        {
            var results = new ushort[images.Length][];
            Parallel.For(0, images.Length, new ParallelOptions { MaxDegreeOfParallelism = 3 }, i => results[i] = upscaler.Upscale(images[i]).ToUInt16Array());
            for (int i = 0; i < images.Length; i++) Assert.Equal(expected[i], results[i]);
        }
    }

    [Fact]
    public void UpscalePlanes_EnsembleOfEquivariantModel_EqualsPlainOutput()
    {
        var model = SymmetricSrcnn();
        var lr = RandomPlane(11, 7, seed: 5);
        var plain = new Upscaler(model).UpscalePlanes([lr])[0];
        var ensemble = new Upscaler(model, options: new UpscalerOptions { Ensemble = true }).UpscalePlanes([lr])[0];
        Assert.InRange(MaxDifference(plain, ensemble), 0, 1e-3);
    }

    [Fact]
    public void UpscalePlanes_EnsembleOfOrdinaryModel_AveragesSomethingElse()
    {
        var model = TinyLapSrn(scale: 2);
        var lr = RandomPlane(11, 7, seed: 5);
        var plain = new Upscaler(model).UpscalePlanes([lr])[0];
        var ensemble = new Upscaler(model, options: new UpscalerOptions { Ensemble = true }).UpscalePlanes([lr])[0];
        Assert.True(MaxDifference(plain, ensemble) > 0.01);
    }

    [Fact]
    public void UpscalePlanes_LapSrnLowerLevel_IsTheX2Output()
    {
        var model = TinyLapSrn(scale: 4);
        var lr = RandomPlane(9, 10, seed: 6);

        var x2 = new Upscaler(model, scale: 2).UpscalePlanes([lr])[0];

        var reference = new ModelSuperResolver(model).Upscale([lr], 4)[0];
        Assert.Equal((18, 20), (x2.Width, x2.Height));
        Assert.Equal([2, 4], Upscaler.SupportedScales(model));
        Assert.NotEqual(Imresize.Resize(reference, 0.5).Data, x2.Data); // a real level output, not a resize of x4
        Assert.InRange(MaxDifference(x2, new ModelSuperResolver(model).Upscale([lr], 2)[0]), 0, 0);
    }

    [Fact]
    public void Constructor_UnsupportedScale_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new Upscaler(TinyLapSrn(scale: 4), scale: 3));
        Assert.Contains("2 or 4", error.Message);
        Assert.Throws<ArgumentException>(() => new Upscaler(TinyResUNet(scale: 2), scale: 4));
    }

    [Fact]
    public void UpscalePlanes_Progress_ReportsEveryTileInOrder()
    {
        var reports = new List<UpscaleProgress>();
        var upscaler = new Upscaler(TinyLapSrn(scale: 2), options: new UpscalerOptions { TileSize = 8, Progress = reports.Add });

        upscaler.UpscalePlanes([RandomPlane(20, 17, seed: 7)]);

        Assert.Equal(9, reports.Count); // 3 x 3 tiles of 8
        Assert.Equal(Enumerable.Range(1, 9), reports.Select(r => r.TilesDone));
        Assert.All(reports, r => Assert.Equal(9, r.TilesTotal));
        Assert.Equal(TimeSpan.Zero, reports[^1].Remaining);
    }

    [Fact]
    public void TileSize_FromMemoryBudget_ShrinksWithTheBudget()
    {
        var model = TinyLapSrn();
        var small = new Upscaler(model, options: new UpscalerOptions { MemoryBudgetBytes = 8L << 20 });
        var large = new Upscaler(model, options: new UpscalerOptions { MemoryBudgetBytes = 256L << 20 });
        Assert.True(small.TileSize < large.TileSize, $"{small.TileSize} vs {large.TileSize}");
    }

    [Fact]
    public void Upscale_ImageThatFitsTheBudget_OneTileWithoutProbingTheReach()
    {
        var network = new RecordingNetwork(new EngineNetwork(TinyLapSrn(scale: 2)));
        var image = TestImages.Smooth(45, 31, 3, seed: 2);
        var upscaler = new Upscaler(network, options: new UpscalerOptions { MemoryBudgetBytes = 256L << 20 });

        var result = upscaler.Upscale(image);

        // LapSRN declares its memory: one pass, on the image, and no reach or alignment probe passes.
        Assert.Equal([(31, 45)], network.Inputs);
        Assert.Equal((45, 31), upscaler.TileCore(45, 31));
        var tiled = new Upscaler(TinyLapSrn(scale: 2), options: new UpscalerOptions { TileSize = 8 }).Upscale(image);
        Assert.Equal(tiled.ToUInt16Array(), result.ToUInt16Array());

        // An image over the budget is tiled with an overlap, which needs the reach.
        var small = new RecordingNetwork(new EngineNetwork(TinyLapSrn(scale: 2)));
        new Upscaler(small, options: new UpscalerOptions { MemoryBudgetBytes = 1L << 20 }).Upscale(TestImages.Smooth(240, 200, 3, seed: 2));
        Assert.Contains(small.Inputs, pass => pass == (25, 25));
    }

    [Fact]
    public void Upscale_NetworkWithoutADeclaredMemory_ProbesItOnceBeforeTheImage()
    {
        var network = new RecordingNetwork(new EngineNetwork(SymmetricSrcnn()));
        var upscaler = new Upscaler(network, options: new UpscalerOptions { MemoryBudgetBytes = 256L << 20 });

        upscaler.Upscale(TestImages.Smooth(45, 31, 3, seed: 2));
        upscaler.Upscale(TestImages.Smooth(45, 31, 3, seed: 3));

        // A small pass, one to measure memory, then the images.
        Assert.Equal([(24, 24), (96, 96), (31, 45), (31, 45)], network.Inputs);
    }

    /// <summary>A network that records the (height, width) of every input it runs on.</summary>
    private sealed class RecordingNetwork(IInferenceNetwork inner) : IInferenceNetwork
    {
        public List<(int Height, int Width)> Inputs { get; } = [];
        public string Name => inner.Name;
        public int Channels => inner.Channels;
        public IReadOnlyList<int> Scales => inner.Scales;
        public double? BytesPerInputPixel(int scale) => inner.BytesPerInputPixel(scale);

        public float[] Run(float[] input, int height, int width, int scale)
        {
            Inputs.Add((height, width));
            return inner.Run(input, height, width, scale);
        }
    }

    /// <summary>
    /// The whole-image algorithm as it was before banding: LR planes of the whole image, tiles in
    /// size order, each core written straight into one full output image.
    /// </summary>
    private static Image WholeImageReference(Upscaler upscaler, Image image)
    {
        int s = upscaler.Scale;
        var network = new TileNetwork(upscaler.Network, s, ensemble: false);
        var planes = ImagePlanes.Split(image);
        var output = new Image(image.Width * s, image.Height * s, image.Channels, image.BitDepth);
        var (coreWidth, coreHeight) = upscaler.TileCore(image.Width, image.Height);
        foreach (var tile in TileGrid.Create(image.Width, image.Height, coreWidth, coreHeight, upscaler.Overlap, upscaler.OriginAlignment))
        {
            var lr = planes.Select(p => p.Crop(tile.X, tile.Y, tile.Width, tile.Height)).ToArray();
            var color = ColorUpscaler.Upscale(network, lr[..image.ColorChannels], s);
            Plane[] hr = image.HasAlpha ? [.. color, Imresize.Resize(lr[^1], s)] : color;
            var core = ImagePlanes.Merge(hr.Select(p => p.Crop((tile.CoreX - tile.X) * s, (tile.CoreY - tile.Y) * s, tile.CoreWidth * s, tile.CoreHeight * s)).ToArray(), image.BitDepth);
            for (int y = 0; y < core.Height; y++)
                for (int x = 0; x < core.Width; x++)
                    for (int c = 0; c < image.Channels; c++)
                        output[tile.CoreX * s + x, tile.CoreY * s + y, c] = core[x, y, c];
        }
        return output;
    }
}
