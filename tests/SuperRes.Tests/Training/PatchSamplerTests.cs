using SuperRes.Evaluation;
using SuperRes.Processing;
using SuperRes.Training.Data;

namespace SuperRes.Tests.Training;

public class PatchSamplerTests
{
    private static Plane RandomPlane(int width, int height, int seed)
    {
        var random = new TrainingRandom((ulong)seed);
        var plane = new Plane(width, height);
        for (var i = 0; i < plane.Data.Length; i++) plane.Data[i] = (float)Math.Round(255 * random.NextDouble());
        return plane;
    }

    private static TrainingImageSet Images(int count = 3, int size = 40) =>
        TrainingImageSet.FromPlanes(Enumerable.Range(0, count).Select(i => new[] { RandomPlane(size + i, size + 2 * i, i) }).ToArray(), SuperResolverInput.Luma);

    [Fact]
    public void Sample_NoAugmentation_LrIsBicubicOfACropOfAnImage()
    {
        var set = Images();
        var sampler = new PatchSampler(set, new PatchOptions(16, 4, Flip: false, Rotate: false));
        var sample = sampler.Sample(new TrainingRandom(7));
        var hr = sample.HighResolution[0];
        Assert.Equal(16, hr.Width);
        Assert.Equal(4, sample.Input[0].Width);
        var expectedLr = Imresize.Resize(hr, 0.25);
        Assert.Equal(expectedLr.Data, sample.Input[0].Data);
        // The HR patch is a crop of one of the images.
        var found = set.Images.Any(img => ContainsCrop(img[0], hr));
        Assert.True(found);
    }

    [Fact]
    public void Sample_MultiLevel_TargetsAreResizedHr()
    {
        var sampler = new PatchSampler(Images(), new PatchOptions(16, 4, MultiLevel: true));
        var sample = sampler.Sample(new TrainingRandom(3));
        Assert.Equal(2, sample.Targets.Length);
        Assert.Equal(8, sample.Targets[0][0].Width);
        Assert.Equal(Imresize.Resize(sample.HighResolution[0], 0.5).Data, sample.Targets[0][0].Data);
    }

    [Fact]
    public void Sample_Uint8Precision_LrIsOnTheIntegerGrid()
    {
        var sampler = new PatchSampler(Images(), new PatchOptions(16, 2, LrPrecision: LrPrecision.Uint8, MinDownscale: 0.5));
        for (var s = 0; s < 5; s++)
        {
            var sample = sampler.Sample(new TrainingRandom((ulong)s));
            Assert.All(sample.Input[0].Data, v => Assert.Equal(Math.Round(v), v));
        }
    }

    [Fact]
    public void Sample_Downscale_PatchHasTheRightSizeAndStaysInRange()
    {
        var sampler = new PatchSampler(Images(2, 48), new PatchOptions(16, 2, MinDownscale: 0.5));
        for (var s = 0; s < 10; s++)
        {
            var sample = sampler.Sample(new TrainingRandom((ulong)s));
            Assert.Equal(16, sample.HighResolution[0].Width);
            Assert.All(sample.HighResolution[0].Data, v => Assert.InRange(v, -40f, 295f));
        }
    }

    [Fact]
    public void Transform_RotationsAndFlips_AreTheEightSymmetries()
    {
        var plane = RandomPlane(5, 5, 1);
        var rotated = plane;
        for (var k = 0; k < 4; k++) rotated = PatchSampler.Transform(rotated, 1, false);
        Assert.Equal(plane.Data, rotated.Data);
        var once = PatchSampler.Transform(plane, 1, false);
        Assert.Equal(plane[0, 4], once[0, 0]); // clockwise: bottom-left goes to top-left
        var flipped = PatchSampler.Transform(plane, 0, true);
        Assert.Equal(plane[4, 2], flipped[0, 2]);
        var distinct = new HashSet<string>();
        for (var k = 0; k < 4; k++)
            foreach (var f in new[] { false, true })
                distinct.Add(string.Join(",", PatchSampler.Transform(plane, k, f).Data));
        Assert.Equal(8, distinct.Count);
    }

    [Fact]
    public void Constructor_ImageSmallerThanPatch_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PatchSampler(Images(1, 10), new PatchOptions(16, 4)));
        Assert.Contains("smaller than the patch", ex.Message);
    }

    private static bool ContainsCrop(Plane image, Plane patch)
    {
        for (var y = 0; y + patch.Height <= image.Height; y++)
            for (var x = 0; x + patch.Width <= image.Width; x++)
                if (image.Crop(x, y, patch.Width, patch.Height).Data.SequenceEqual(patch.Data)) return true;
        return false;
    }
}
