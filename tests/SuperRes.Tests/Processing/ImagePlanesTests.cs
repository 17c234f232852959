using SuperRes.Imaging;
using SuperRes.Processing;

namespace SuperRes.Tests.Processing;

public sealed class ImagePlanesTests
{
    [Fact]
    public void Merge_RoundsHalfAwayFromZeroAndClips()
    {
        var plane = PlaneFactory.FromRows([127.5f, 127.49f, -3f, 300f, float.NaN, 0.5f]);
        var image = ImagePlanes.Merge([plane], 8);
        Assert.Equal(new ushort[] { 128, 127, 0, 255, 0, 1 }, image.ToUInt16Array());
    }

    [Fact]
    public void Split_Rgba_GivesOnePlanePerChannelInOrder()
    {
        var image = new Image(2, 1, 4, 8, [1, 2, 3, 4, 5, 6, 7, 8]);
        var planes = ImagePlanes.Split(image);
        Assert.Equal(4, planes.Length);
        Assert.Equal([1f, 5f], planes[0].Data);
        Assert.Equal([4f, 8f], planes[3].Data);
    }

    [Fact]
    public void Split_Region_EqualsSplitThenCrop()
    {
        var random = new Random(9);
        var samples = new ushort[7 * 5 * 2];
        for (var i = 0; i < samples.Length; i++) samples[i] = (ushort)random.Next(65536);
        var image = new Image(7, 5, 2, 16, samples);

        var region = ImagePlanes.Split(image, 2, 1, 4, 3);

        var whole = ImagePlanes.Split(image);
        Assert.Equal(2, region.Length);
        for (var c = 0; c < 2; c++) Assert.Equal(whole[c].Crop(2, 1, 4, 3).Data, region[c].Data);
        Assert.Throws<ArgumentOutOfRangeException>(() => ImagePlanes.Split(image, 4, 0, 4, 1));
    }

    [Fact]
    public void MergeInto_Region_EqualsMergeOfTheCropPastedAtTheTarget()
    {
        var random = new Random(10);
        var planes = Enumerable.Range(0, 3).Select(_ => new Plane(6, 5, Enumerable.Range(0, 30).Select(_ => (float)(random.NextDouble() * 300 - 20)).ToArray())).ToArray();
        var target = new Image(9, 4, 3, 16);

        ImagePlanes.MergeInto(planes, 1, 2, 4, 3, target, 5, 1);

        var expected = ImagePlanes.Merge(planes.Select(p => p.Crop(1, 2, 4, 3)).ToArray(), 16);
        for (var y = 0; y < 4; y++)
            for (var x = 0; x < 9; x++)
                for (var c = 0; c < 3; c++)
                {
                    var inside = x >= 5 && y >= 1;
                    Assert.Equal(inside ? expected[x - 5, y - 1, c] : 0, target[x, y, c]);
                }
        Assert.Throws<ArgumentOutOfRangeException>(() => ImagePlanes.MergeInto(planes, 1, 2, 4, 3, target, 6, 1));
    }

    [Fact]
    public void MergeInto_LargeRegion_GivesEverySampleItsRoundedClippedValue()
    {
        // Over 2^18 samples, so the rows go to every core: each sample as the one-value merge gives it.
        var random = new Random(11);
        const int width = 403, height = 227;
        var planes = Enumerable.Range(0, 3).Select(_ => new Plane(width, height, Enumerable.Range(0, width * height).Select(_ => (float)(random.NextDouble() * 300 - 20)).ToArray())).ToArray();
        var target = new Image(width + 2, height + 1, 3, 8);

        ImagePlanes.MergeInto(planes, 0, 0, width, height, target, 2, 1);

        for (var y = 0; y < height; y += 3)
            for (var x = 0; x < width; x++)
                for (var c = 0; c < 3; c++)
                    Assert.Equal(ImagePlanes.Merge([Plane.Filled(1, 1, planes[c].Data[y * width + x])], 8)[0, 0, 0], target[x + 2, y + 1, c]);
    }

    [Theory]
    [InlineData(1.0, 255)]
    [InlineData(1.0, 65535)]
    [InlineData(257.0, 65535)]
    [InlineData(0.9990234375, 255)]
    public void ToSamples_Vectors_EqualTheScalarConversion(double factor, int max)
    {
        // Halves, values next to them, out of range, NaN, infinities, and a tail past the last full vector.
        float[] specials = [0.5f, 1.5f, 2.5f, 254.5f, 255f, 255.49998f, 0.49999997f, -0.5f, -1f, 1e9f, float.NaN,
            float.PositiveInfinity, float.NegativeInfinity, -0f, 127.50001f, 127.49999f, 0f, 3.4e38f, 1e-30f];
        var random = new Random((int)factor);
        var values = specials.Concat(Enumerable.Range(0, 1000).Select(_ => (float)(random.NextDouble() * 300 - 20))).ToArray();
        var fast = new int[values.Length];
        var reference = new int[values.Length];
        ImagePlanes.ToSamples(values, factor, max, fast);
        ImagePlanes.ScalarOnly = true;
        try
        {
            ImagePlanes.ToSamples(values, factor, max, reference);
        }
        finally
        {
            ImagePlanes.ScalarOnly = false;
        }
        Assert.Equal(reference, fast);
        Assert.Equal(values.Select(v => (int)ImagePlanes.ToSample(v * factor, max)), reference);
    }

    [Fact]
    public void SplitMerge_16Bit_RoundTripsThrough255Scale()
    {
        var random = new Random(7);
        var samples = new ushort[5 * 3 * 3];
        for (var i = 0; i < samples.Length; i++) samples[i] = (ushort)random.Next(65536);
        var image = new Image(5, 3, 3, 16, samples);
        var planes = ImagePlanes.Split(image);
        Assert.All(planes, p => Assert.All(p.Data, v => Assert.InRange(v, 0f, 255f)));
        Assert.Equal(samples, ImagePlanes.Merge(planes, 16).ToUInt16Array());
    }

    [Fact]
    public void Quantize_16Bit_SnapsToMultiplesOf1Over257()
    {
        var q = ImagePlanes.Quantize(PlaneFactory.FromRows([1.0f / 257 * 10.4f]), 16);
        Assert.Equal(10.0 / 257, q.Data[0], 6);
    }

    [Fact]
    public void Merge_PlanesOfDifferentSizes_Throws() =>
        Assert.Throws<ArgumentException>(() => ImagePlanes.Merge([new Plane(2, 2), new Plane(2, 3)], 8));
}
