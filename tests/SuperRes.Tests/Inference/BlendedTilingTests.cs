using SuperRes.Imaging;
using SuperRes.Inference;
using SuperRes.Models;
using SuperRes.Processing;
using SuperRes.Tensors;
using Xunit.Abstractions;

namespace SuperRes.Tests.Inference;

public class BlendedTilingTests(ITestOutputHelper output)
{
    internal static SrVggNetCompact WideNetwork(int width, int convs, float gain, int scale = 2)
    {
        var model = new SrVggNetCompact(new SrVggNetCompactOptions { Width = width, Convs = convs, Scale = scale }, new Rng(31));
        foreach (var (name, p) in model.NamedParameters())
            if (name.EndsWith("weight", StringComparison.Ordinal) && p.Rank == 4)
            {
                var span = p.AsSpan();
                for (int i = 0; i < span.Length; i++) span[i] *= gain;
            }
        return model;
    }

    internal static Plane[] Photo(int side, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, 3).Select(c =>
        {
            var p = new Plane(side, side);
            for (int y = 0; y < side; y++)
                for (int x = 0; x < side; x++)
                    p.Data[y * side + x] = (float)(127 + 90 * Math.Sin(x * 0.05 + y * 0.03 + c) + 30 * random.NextDouble());
            return p;
        }).ToArray();
    }

    private static double Worst(Plane[] a, Plane[] b) => a.Zip(b, InferenceTestModels.MaxDifference).Max();

    [Fact]
    public void UpscalePlanes_512WithSmallTiles_BlendedWithinOneLevelOfWholeImage_HardSeamsNot()
    {
        // 18 convs: the network sees 18 LR pixels, more than the overlap of 8. Its weights are
        // scaled up so that far pixels matter: with hard seams (the tile core kept, 8 pixels of
        // context) the tiles are more than a level of 255 off; blended, every pixel gets at least
        // the same context and most much more, and the seams are smooth.
        using var model = WideNetwork(width: 8, convs: 16, gain: 2);
        var lr = Photo(512, 2);
        var whole = new Upscaler(model, options: new UpscalerOptions { TileSize = 512, Overlap = 0 }).UpscalePlanes(lr);

        var blended = new Upscaler(model, options: new UpscalerOptions { TileSize = 64, Overlap = 8 });
        Assert.True(blended.ReceptiveField > blended.Overlap);
        Assert.True(blended.Blends);
        Assert.Equal(8, blended.BlendWidth);
        double blendError = Worst(whole, blended.UpscalePlanes(lr));

        var hard = new Upscaler(model, options: new UpscalerOptions { TileSize = 64, Overlap = 8, Blend = false });
        Assert.False(hard.Blends);
        double hardError = Worst(whole, hard.UpscalePlanes(lr));

        output.WriteLine($"blended {blendError:F4}, hard seams {hardError:F4} levels of 255");
        Assert.InRange(blendError, 0, 1.0);
        Assert.True(hardError > 1.0, $"hard seams {hardError}");
    }

    [Fact]
    public void Overlap_ReceptiveFieldBeyondTheCap_IsCappedAndBlended()
    {
        using var model = WideNetwork(width: 8, convs: 36, gain: 2); // 38 convs: 38 LR pixels
        var upscaler = new Upscaler(model, options: new UpscalerOptions { TileSize = 48 });
        Assert.True(upscaler.ReceptiveField > Upscaler.MaxAutomaticOverlap, $"{upscaler.ReceptiveField}");
        Assert.Equal(Upscaler.MaxAutomaticOverlap, upscaler.Overlap);
        Assert.True(upscaler.Blends);
    }

    [Fact]
    public void UpscalePlanes_OverlapCoveringTheField_StaysExactAndUnblended()
    {
        using var model = WideNetwork(width: 8, convs: 4, gain: 2);
        var lr = Photo(80, 3);
        var whole = new Upscaler(model, options: new UpscalerOptions { TileSize = 80, Overlap = 0 }).UpscalePlanes(lr);
        var tiled = new Upscaler(model, options: new UpscalerOptions { TileSize = 16 });
        Assert.False(tiled.Blends);
        Assert.Equal(0, tiled.BlendWidth);
        var result = tiled.UpscalePlanes(lr);
        for (int c = 0; c < 3; c++) Assert.Equal(whole[c].Data, result[c].Data);
    }

    [Theory]
    [InlineData(3, 70, 53)]
    [InlineData(4, 61, 40)]
    public void Upscale_ImageInBlendedBands_MatchesBlendedPlanes(int channels, int width, int height)
    {
        using var model = WideNetwork(width: 8, convs: 16, gain: 2);
        var planes = Photo(Math.Max(width, height), 4).Select(p => p.Crop(0, 0, width, height)).ToList();
        if (channels == 4) planes.Add(Plane.Filled(width, height, 200));
        var image = ImagePlanes.Merge(planes, 8);
        var options = new UpscalerOptions { TileSize = 16, Overlap = 6 };
        var upscaler = new Upscaler(model, options: options);
        Assert.True(upscaler.Blends);

        var bands = new List<int>();
        var result = new Image(width * 2, height * 2, channels, 8);
        int offset = 0;
        upscaler.Upscale(image, band =>
        {
            bands.Add(band.Height);
            var rows = ImagePlanes.Split(band);
            ImagePlanes.MergeInto(rows, 0, 0, band.Width, band.Height, result, 0, offset);
            offset += band.Height;
        });

        // Balanced rows of tiles: ceil(height / 16) of them, each ceil(height / count) rows rounded up to a multiple of 4 (the last one shorter).
        int count = (height + 15) / 16, core = ((height + count - 1) / count + 3) / 4 * 4;
        Assert.Equal(Enumerable.Range(0, count).Select(i => 2 * Math.Min(core, height - core * i)), bands);
        var expected = upscaler.UpscalePlanes(ImagePlanes.Split(image)[..3]);
        var actual = ImagePlanes.Split(result);
        for (int c = 0; c < 3; c++)
            Assert.Equal(ImagePlanes.Quantize(expected[c]).Data, actual[c].Data);
        if (channels == 4) Assert.All(actual[3].Data, v => Assert.Equal(200f, v));
    }
}
