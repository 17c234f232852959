using SuperRes.Imaging;
using SuperRes.Processing;

namespace SuperRes.Tests.Processing;

public sealed class YCbCrUpscaleMergeTests
{
    /// <summary>LR size, scale, region (x, y, width, height in upscaled pixels), bit depth.</summary>
    [Theory]
    [InlineData(1, 1, 4, 0, 0, 4, 4, 8)]
    [InlineData(3, 2, 4, 1, 2, 9, 5, 8)]
    [InlineData(37, 29, 4, 0, 0, 148, 116, 8)]
    [InlineData(37, 29, 4, 13, 7, 101, 93, 8)]
    [InlineData(61, 47, 2, 5, 3, 111, 90, 8)]
    [InlineData(61, 47, 3, 6, 9, 170, 130, 16)]
    [InlineData(90, 75, 4, 20, 20, 320, 260, 8)]
    [InlineData(90, 75, 4, 3, 0, 357, 300, 16)]
    [InlineData(40, 21, 8, 9, 5, 301, 150, 8)]
    public void MergeInto_EqualsResizeThenColourConversionThenMerge_BitForBit(int lrWidth, int lrHeight, int scale, int x, int y, int width, int height, int bitDepth)
    {
        var (luma, cb, cr) = Planes(lrWidth, lrHeight, scale, seed: lrWidth * 7 + scale);
        var reference = Reference(luma, cb, cr, scale, x, y, width, height, bitDepth);
        // The fused row loop (8-bit), the vector loops step by step, and the scalar reference loops.
        foreach (string mode in new[] { "fused", "unfused", "scalar" })
        {
            var fast = new Image(width + 5, height + 2, 3, bitDepth);
            YCbCrUpscaleMerge.ScalarOnly = mode == "scalar";
            YCbCrUpscaleMerge.Unfused = mode == "unfused";
            try
            {
                YCbCrUpscaleMerge.MergeInto(luma, cb, cr, scale, x, y, width, height, fast, 3, 1);
            }
            finally
            {
                YCbCrUpscaleMerge.ScalarOnly = false;
                YCbCrUpscaleMerge.Unfused = false;
            }
            for (int row = 0; row < height + 2; row++)
                for (int col = 0; col < width + 5; col++)
                    for (int c = 0; c < 3; c++)
                    {
                        bool inside = row >= 1 && row < height + 1 && col >= 3 && col < width + 3;
                        int expected = inside ? reference[col - 3, row - 1, c] : 0;
                        if (fast[col, row, c] != expected)
                            Assert.Fail($"{mode}: sample ({col},{row},{c}) is {fast[col, row, c]}, expected {expected}");
                    }
        }
    }

    [Theory]
    [InlineData(1, 1, 4, 0, 4)]
    [InlineData(37, 29, 4, 0, 148)]
    [InlineData(37, 29, 4, 13, 101)]
    [InlineData(61, 47, 3, 7, 170)]
    [InlineData(45, 30, 2, 1, 87)]
    public void ResizedRow_EqualsImresizeBitForBit(int lrWidth, int lrHeight, int scale, int x, int width)
    {
        var plane = PlaneFactory.Random(lrWidth, lrHeight, seed: lrHeight);
        var reference = Imresize.Resize(plane, scale);
        foreach (bool scalar in new[] { false, true })
        {
            YCbCrUpscaleMerge.ScalarOnly = scalar;
            try
            {
                for (int row = 0; row < reference.Height; row++)
                    Assert.Equal(reference.Data.AsSpan(row * reference.Width + x, width).ToArray(), YCbCrUpscaleMerge.ResizedRow(plane, scale, x, width, row));
            }
            finally
            {
                YCbCrUpscaleMerge.ScalarOnly = false;
            }
        }
    }

    [Fact]
    public void MergeInto_LumaOutOfRangeOrNaN_ClipsAsMergeDoes()
    {
        var (luma, cb, cr) = Planes(20, 11, 4, seed: 5);
        float[] specials = [float.NaN, -300f, 1e6f, 0f, 255f, -0.0f, 254.5f, 0.5f, float.PositiveInfinity, float.NegativeInfinity];
        for (int i = 0; i < luma.Data.Length; i += 7) luma.Data[i] = specials[i / 7 % specials.Length];
        var reference = Reference(luma, cb, cr, 4, 0, 0, 80, 44, 8);
        foreach (bool unfused in new[] { false, true })
        {
            var fast = new Image(80, 44, 3, 8);
            YCbCrUpscaleMerge.Unfused = unfused;
            try
            {
                YCbCrUpscaleMerge.MergeInto(luma, cb, cr, 4, 0, 0, 80, 44, fast, 0, 0);
            }
            finally
            {
                YCbCrUpscaleMerge.Unfused = false;
            }
            Assert.Equal(reference.Samples8.ToArray(), fast.Samples8.ToArray());
        }
    }

    [Fact]
    public void MergeInto_MismatchedSizes_Throws()
    {
        var (luma, cb, cr) = Planes(10, 8, 4, seed: 1);
        Assert.Throws<ArgumentException>(() => YCbCrUpscaleMerge.MergeInto(luma, cb, cr, 2, 0, 0, 10, 10, new Image(40, 32, 3, 8), 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => YCbCrUpscaleMerge.MergeInto(luma, cb, cr, 4, 30, 0, 11, 10, new Image(40, 32, 3, 8), 0, 0));
        Assert.Throws<ArgumentException>(() => YCbCrUpscaleMerge.MergeInto(luma, cb, cr, 4, 0, 0, 10, 10, new Image(40, 32, 4, 8), 0, 0));
    }

    /// <summary>Y at the upscaled size (a little past [0, 255], as a network's output), Cb and Cr of a random RGB image at LR.</summary>
    private static (Plane Luma, Plane Cb, Plane Cr) Planes(int lrWidth, int lrHeight, int scale, int seed)
    {
        var rgb = new[] { PlaneFactory.Random(lrWidth, lrHeight, seed), PlaneFactory.Random(lrWidth, lrHeight, seed + 1), PlaneFactory.Random(lrWidth, lrHeight, seed + 2) };
        var ycbcr = ColorConversion.RgbToYCbCr(rgb);
        var luma = PlaneFactory.Random(lrWidth * scale, lrHeight * scale, seed + 3, max: 270);
        for (int i = 0; i < luma.Data.Length; i++) luma.Data[i] -= 8;
        return (luma, ycbcr[1], ycbcr[2]);
    }

    /// <summary>What the upscaler did before: chroma planes resized whole, converted whole, the region merged.</summary>
    private static Image Reference(Plane luma, Plane cb, Plane cr, int scale, int x, int y, int width, int height, int bitDepth)
    {
        var rgb = ColorConversion.YCbCrToRgb([luma, Imresize.Resize(cb, scale), Imresize.Resize(cr, scale)]);
        var image = new Image(width, height, 3, bitDepth);
        ImagePlanes.MergeInto(rgb, x, y, width, height, image, 0, 0);
        return image;
    }
}
