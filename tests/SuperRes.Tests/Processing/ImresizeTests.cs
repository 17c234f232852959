using SuperRes.Processing;

namespace SuperRes.Tests.Processing;

public sealed class ImresizeTests
{
    public static TheoryData<string, double> KernelsAndScales()
    {
        var data = new TheoryData<string, double>();
        foreach (var k in new[] { "bicubic", "bilinear", "nearest" })
            foreach (var s in new[] { 0.25, 1.0 / 3, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0, 4.0 })
                data.Add(k, s);
        return data;
    }

    [Theory]
    [MemberData(nameof(KernelsAndScales))]
    public void Resize_ConstantPlane_StaysConstant(string kernel, double scale)
    {
        var result = Imresize.Resize(Plane.Filled(17, 7, 93.25f), scale, KnownResizeKernels.FromName(kernel));
        Assert.All(result.Data, v => Assert.Equal(93.25, v, 4));
    }

    [Theory]
    [InlineData(1, 1, 4.0, 4.0)]
    [InlineData(3, 2, 4.0, 4.0)]
    [InlineData(37, 29, 4.0, 4.0)]
    [InlineData(61, 47, 2.0, 3.0)]
    [InlineData(50, 33, 0.5, 0.7)]
    [InlineData(45, 70, 1.5, 0.25)]
    public void Resize_VectorPasses_EqualTheScalarLoopsBitForBit(int width, int height, double scaleY, double scaleX)
    {
        var plane = PlaneFactory.Random(width, height, seed: width * 31 + height);
        foreach (var kernel in new[] { KnownResizeKernels.Bicubic, KnownResizeKernels.FromName("bilinear") })
        {
            var fast = Imresize.Resize(plane, scaleY, scaleX, kernel);
            Imresize.ScalarOnly = true;
            try
            {
                var reference = Imresize.Resize(plane, scaleY, scaleX, kernel);
                Assert.Equal(reference.Data, fast.Data);
            }
            finally
            {
                Imresize.ScalarOnly = false;
            }
        }
    }

    [Theory]
    [InlineData(7, 5, 0.25, 2, 2)]
    [InlineData(10, 9, 1.0 / 3, 4, 3)]
    [InlineData(1, 1, 4, 4, 4)]
    [InlineData(15, 17, 0.5, 8, 9)]
    [InlineData(3, 2, 1.5, 5, 3)]
    public void Resize_Scale_OutputSizeIsCeilOfInputTimesScale(int w, int h, double scale, int ow, int oh)
    {
        var result = Imresize.Resize(new Plane(w, h), scale);
        Assert.Equal((ow, oh), (result.Width, result.Height));
    }

    [Fact]
    public void Resize_BicubicUpscaleTwoPixels_MatchesHandComputedWeights()
    {
        // u = i/2 + 1/4; weights cubic(u - j) with mirrored indices, worked out by hand.
        var result = Imresize.Resize(PlaneFactory.FromRows([0f, 1f]), 2);
        float[] expected = [-0.09375f, 0.203125f, 0.796875f, 1.09375f];
        Assert.Equal((4, 2), (result.Width, result.Height));
        for (var y = 0; y < 2; y++)
            for (var x = 0; x < 4; x++)
                Assert.Equal(expected[x], result[x, y], 6);
    }

    [Fact]
    public void Resize_BicubicHalve_UsesAntialiasedKernel()
    {
        // Width 8 kernel 0.5*cubic(0.5x) at u = 1.5, 3.5 over the mirrored row 3 2 1 | 1 2 3 4 | 4 3.
        var result = Imresize.Resize(PlaneFactory.FromRows([1f, 2f, 3f, 4f]), 0.5);
        Assert.Equal((2, 1), (result.Width, result.Height));
        Assert.Equal(1.4609375f, result[0, 0], 6);
        Assert.Equal(3.5390625f, result[1, 0], 6);
    }

    [Fact]
    public void Resize_BilinearUpscale_InterpolatesWithClampedEdges()
    {
        var result = Imresize.Resize(PlaneFactory.FromRows([0f, 1f]), 2, KnownResizeKernels.Bilinear);
        Assert.Equal([0f, 0.25f, 0.75f, 1f], result.Data.Take(4));
    }

    [Fact]
    public void Resize_NearestUpscale_RepeatsPixels()
    {
        var result = Imresize.Resize(PlaneFactory.FromRows([5f, 9f, 2f]), 2, KnownResizeKernels.Nearest);
        Assert.Equal([5f, 5f, 9f, 9f, 2f, 2f], result.Data.Take(6));
    }

    [Fact]
    public void Resize_NearestDownscale_IsNotAntialiased()
    {
        var result = Imresize.Resize(PlaneFactory.FromRows([1f, 2f, 3f, 4f, 5f, 6f]), 1.0 / 3, KnownResizeKernels.Nearest);
        // u = 3i - 1: pixels 2 and 5.
        Assert.Equal([2f, 5f], result.Data);
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(1.0 / 3)]
    [InlineData(2.0)]
    [InlineData(3.0)]
    public void Resize_FlippedInput_GivesFlippedOutput(double scale)
    {
        // Needs out = in * scale exactly, so that the sampling grid is symmetric.
        var plane = PlaneFactory.Random(12, 12, seed: 1);
        var direct = Imresize.Resize(PlaneFactory.FlipHorizontal(plane), scale);
        var flipped = PlaneFactory.FlipHorizontal(Imresize.Resize(plane, scale));
        PlaneFactory.AssertClose(flipped, direct, 1e-3);
    }

    [Theory]
    [InlineData(0.25, 0.5)]
    [InlineData(2.0, 0.7)]
    [InlineData(3.0, 3.0)]
    public void Resize_TransposedInput_GivesTransposedOutput(double scaleY, double scaleX)
    {
        var plane = PlaneFactory.Random(13, 9, seed: 2);
        var direct = Imresize.Resize(PlaneFactory.Transpose(plane), scaleX, scaleY);
        var transposed = PlaneFactory.Transpose(Imresize.Resize(plane, scaleY, scaleX));
        PlaneFactory.AssertClose(transposed, direct, 1e-3);
    }

    [Fact]
    public void Resize_ScaleOne_IsIdentity()
    {
        var plane = PlaneFactory.Random(7, 5, seed: 3);
        PlaneFactory.AssertClose(plane, Imresize.Resize(plane, 1.0), 1e-4);
    }

    [Fact]
    public void Resize_DownThenCompareWithSeparableReference_Matches()
    {
        // Separability: resizing rows then columns equals two 1-D resizes done by hand.
        var plane = PlaneFactory.Random(11, 8, seed: 4);
        var both = Imresize.Resize(plane, 0.5, 0.25);
        var rowsOnly = Imresize.Resize(plane, 0.5, 1.0);
        var then = Imresize.Resize(rowsOnly, 1.0, 0.25);
        PlaneFactory.AssertClose(both, then, 1e-3);
    }

    [Fact]
    public void ResizeTo_ExplicitSize_UsesRatioAsScale()
    {
        var plane = PlaneFactory.Random(8, 6, seed: 5);
        PlaneFactory.AssertClose(Imresize.Resize(plane, 0.5), Imresize.ResizeTo(plane, 4, 3), 1e-5);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Resize_BadScale_Throws(double scale) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Imresize.Resize(new Plane(4, 4), scale));

    [Fact]
    public void FromName_UnknownKernel_ThrowsListingChoices()
    {
        var e = Assert.Throws<ArgumentException>(() => KnownResizeKernels.FromName("lanczos9"));
        Assert.Contains("bicubic", e.Message);
    }
}
