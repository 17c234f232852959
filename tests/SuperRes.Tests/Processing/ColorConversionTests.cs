using SuperRes.Processing;

namespace SuperRes.Tests.Processing;

public sealed class ColorConversionTests
{
    [Theory]
    [InlineData(0, 0, 0, 16.0)]
    [InlineData(255, 255, 255, 235.0)]
    [InlineData(255, 0, 0, 81.481)]
    [InlineData(0, 255, 0, 144.553)]
    [InlineData(0, 0, 255, 40.966)]
    public void RgbToY_Primaries_GiveBt601StudioLuma(float r, float g, float b, double y)
    {
        var result = ColorConversion.RgbToY(Plane.Filled(1, 1, r), Plane.Filled(1, 1, g), Plane.Filled(1, 1, b));
        Assert.Equal(y, result.Data[0], 4);
    }

    [Fact]
    public void RgbToYCbCr_White16Bit_ScalesOffsetsBy257()
    {
        var white = Plane.Filled(1, 1, 65535);
        var ycbcr = ColorConversion.RgbToYCbCr([white, white, white], 65535);
        Assert.Equal(235.0 * 257, ycbcr[0].Data[0], 1);
        Assert.Equal(128.0 * 257, ycbcr[1].Data[0], 1);
        Assert.Equal(128.0 * 257, ycbcr[2].Data[0], 1);
    }

    [Fact]
    public void YCbCrToRgb_AfterRgbToYCbCr_RoundTrips()
    {
        Plane[] rgb = [PlaneFactory.Random(9, 4, 1), PlaneFactory.Random(9, 4, 2), PlaneFactory.Random(9, 4, 3)];
        var back = ColorConversion.YCbCrToRgb(ColorConversion.RgbToYCbCr(rgb));
        for (var c = 0; c < 3; c++) PlaneFactory.AssertClose(rgb[c], back[c], 1e-3);
    }

    [Fact]
    public void YCbCrToRgb_NeutralChroma_GivesGray()
    {
        var rgb = ColorConversion.YCbCrToRgb([Plane.Filled(1, 1, 235), Plane.Filled(1, 1, 128), Plane.Filled(1, 1, 128)]);
        Assert.All(rgb, p => Assert.Equal(255.0, p.Data[0], 3));
    }

    [Fact]
    public void Luma_OnePlane_IsThatPlane()
    {
        var gray = PlaneFactory.Random(3, 3, 4);
        Assert.Same(gray, ColorConversion.Luma([gray]));
    }

    [Fact]
    public void Luma_TwoPlanes_Throws() =>
        Assert.Throws<ArgumentException>(() => ColorConversion.Luma([new Plane(1, 1), new Plane(1, 1)]));

    [Fact]
    public void Transform_PlanesLargerThanAChunk_EqualThePixelByPixelConversionBitForBit()
    {
        // 301x251 spans two chunks, the second partial: the parallel path against one-pixel planes.
        const int width = 301, height = 251;
        Plane[] rgb = [PlaneFactory.Random(width, height, 5), PlaneFactory.Random(width, height, 6), PlaneFactory.Random(width, height, 7)];
        var ycbcr = ColorConversion.RgbToYCbCr(rgb);
        var back = ColorConversion.YCbCrToRgb(ycbcr);
        var y = ColorConversion.RgbToY(rgb[0], rgb[1], rgb[2]);
        for (var i = 0; i < width * height; i += 97)
        {
            var one = ColorConversion.RgbToYCbCr([.. rgb.Select(p => Plane.Filled(1, 1, p.Data[i]))]);
            var oneBack = ColorConversion.YCbCrToRgb([.. ycbcr.Select(p => Plane.Filled(1, 1, p.Data[i]))]);
            for (var c = 0; c < 3; c++)
            {
                Assert.Equal(one[c].Data[0], ycbcr[c].Data[i]);
                Assert.Equal(oneBack[c].Data[0], back[c].Data[i]);
            }
        }
        Assert.Equal(y.Data, ycbcr[0].Data);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    public void RgbToYCbCrInto_ARegion_EqualsSplitThenRgbToYCbCr_BitForBit(int bitDepth)
    {
        var image = SuperRes.Tests.Evaluation.TestImages.Smooth(53, 41, 3, seed: bitDepth, bitDepth: bitDepth);
        foreach (var (x, y, w, h) in new[] { (0, 0, 53, 41), (7, 5, 31, 17), (52, 40, 1, 1), (3, 0, 9, 41) })
        {
            var expected = ColorConversion.RgbToYCbCr(ImagePlanes.Split(image, x, y, w, h));
            Plane[] target = [new Plane(w, h), new Plane(w, h), new Plane(w, h)];
            ColorConversion.RgbToYCbCrInto(image, x, y, w, h, target);
            for (int c = 0; c < 3; c++) Assert.Equal(expected[c].Data, target[c].Data);
        }
        Assert.Throws<ArgumentException>(() => ColorConversion.RgbToYCbCrInto(image, 0, 0, 4, 4, [new Plane(4, 4), new Plane(4, 4), new Plane(4, 3)]));
    }
}
