using SuperRes.Models;
using SuperRes.Tensors;

namespace SuperRes.Tests.Models;

public class SpatialOpsTests
{
    private static Tensor Ramp(params int[] shape)
    {
        var t = Tensor.Empty(shape);
        var s = t.AsSpan();
        for (int i = 0; i < s.Length; i++) s[i] = i + 1;
        return t;
    }

    [Fact]
    public void Crop_Asymmetric_KeepsInnerValues()
    {
        using var tape = new Tape();
        var x = Ramp(2, 3, 5, 6);
        var y = SpatialOps.Crop(x, 1, 2, 0, 3);
        Assert.Equal([2, 3, 2, 3], y.Shape.ToArray());
        for (int n = 0; n < 2; n++)
            for (int c = 0; c < 3; c++)
                for (int i = 0; i < 2; i++)
                    for (int j = 0; j < 3; j++)
                        Assert.Equal(x[n, c, i + 1, j], y[n, c, i, j]);
    }

    [Fact]
    public void Pad_Asymmetric_ZerosAroundValues()
    {
        using var tape = new Tape();
        var x = Ramp(1, 2, 3, 4);
        var y = SpatialOps.Pad(x, 2, 0, 1, 3);
        Assert.Equal([1, 2, 5, 8], y.Shape.ToArray());
        Assert.Equal(x.ToArray().Sum(), y.ToArray().Sum());
        Assert.Equal(x[0, 1, 0, 0], y[0, 1, 2, 1]);
        Assert.Equal(0f, y[0, 1, 1, 1]);
        Assert.Equal(0f, y[0, 0, 4, 5]);
    }

    [Fact]
    public void Crop_Backward_OnesInsideZerosOutside()
    {
        using var tape = new Tape();
        var x = Ramp(1, 1, 4, 4);
        x.RequiresGrad = true;
        Ops.Sum(SpatialOps.Crop(x, 0, 1, 0, 1)).Backward();
        var g = x.Grad!;
        Assert.Equal(1f, g[0, 0, 2, 2]);
        Assert.Equal(0f, g[0, 0, 3, 1]);
        Assert.Equal(0f, g[0, 0, 1, 3]);
        Assert.Equal(9f, g.ToArray().Sum());
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    public void PixelShuffle_MatchesPyTorchIndexing(int channels, int r)
    {
        using var tape = new Tape();
        using var shuffle = new PixelShuffle(channels, r);
        var x = Ramp(2, channels * r * r, 3, 2);
        var y = shuffle.Forward(x);
        Assert.Equal([2, channels, 3 * r, 2 * r], y.Shape.ToArray());
        for (int n = 0; n < 2; n++)
            for (int c = 0; c < channels; c++)
                for (int h = 0; h < 3 * r; h++)
                    for (int w = 0; w < 2 * r; w++)
                        Assert.Equal(x[n, c * r * r + (h % r) * r + w % r, h / r, w / r], y[n, c, h, w]);
    }

    [Fact]
    public void Bicubic_ConstantImage_StaysConstant()
    {
        using var tape = new Tape();
        var y = SpatialOps.Bicubic(Tensor.Full(0.25f, 1, 2, 3, 4), 3);
        Assert.Equal([1, 2, 9, 12], y.Shape.ToArray());
        Assert.All(y.ToArray(), v => Assert.Equal(0.25f, v, 5));
    }

    [Fact]
    public void Bicubic_InputRequiringGrad_Throws()
    {
        using var tape = new Tape();
        var x = Tensor.Zeros(1, 1, 2, 2);
        x.RequiresGrad = true;
        Assert.Throws<ArgumentException>(() => SpatialOps.Bicubic(x, 2));
    }
}
