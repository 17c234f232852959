using SuperRes.Processing;

namespace SuperRes.Tests.Processing;

public sealed class WindowedColumnTapsTests
{
    [Theory]
    [InlineData(1, 4, 0, 4)]
    [InlineData(5, 2, 0, 10)]
    [InlineData(37, 4, 0, 148)]
    [InlineData(37, 4, 13, 101)]
    [InlineData(61, 3, 7, 170)]
    [InlineData(64, 8, 0, 512)]
    [InlineData(64, 8, 9, 400)]
    [InlineData(100, 2, 3, 17)]
    public void Apply_EqualsTheScalarTapSum_BitForBit(int inWidth, int scale, int first, int count)
    {
        if (!WindowedColumnTaps.IsSupported) return; // the pass runs only where AVX-512 does
        var kernel = KnownResizeKernels.Bicubic;
        var weights = ResizeWeights.Create(inWidth, inWidth * scale, scale, kernel, kernel.AntialiasWhenShrinking);
        var rng = new Random(inWidth * 31 + scale);
        var input = Enumerable.Range(0, inWidth).Select(_ => rng.NextDouble() * 300 - 20).ToArray();
        var output = new float[count + 3];
        new WindowedColumnTaps(weights, first, count, inWidth).Apply(input, output);
        for (int i = 0; i < count; i++)
            Assert.Equal((float)Imresize.TapSum(weights, input, first + i), output[i]);
        Assert.Equal([0f, 0f, 0f], output[count..]);
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(4, true)]
    [InlineData(8, true)]
    [InlineData(3, false)]
    public void BicubicUpscalesBy2_4And8_KeepTheirWeightsInRegisters(int scale, bool alike)
    {
        // Outputs repeat their weights every 2, 4 or 8 columns, exactly (u = i / scale + c is exact in
        // binary): every block of 8 is alike. By 3 they repeat every 24, and not to the last bit.
        var kernel = KnownResizeKernels.Bicubic;
        var weights = ResizeWeights.Create(50, 50 * scale, scale, kernel, kernel.AntialiasWhenShrinking);
        Assert.Equal(alike, new WindowedColumnTaps(weights, 0, 50 * scale, 50).IsAlike);
    }

    [Fact]
    public void Create_ColumnsOutsideTheOutput_Throw()
    {
        var kernel = KnownResizeKernels.Bicubic;
        var weights = ResizeWeights.Create(10, 40, 4, kernel, kernel.AntialiasWhenShrinking);
        Assert.Throws<ArgumentOutOfRangeException>(() => new WindowedColumnTaps(weights, 35, 6, 10));
    }
}
