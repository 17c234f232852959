namespace SuperRes.Tensors.Tests;

public class StructuralGradTests
{
    public static TheoryData<int[]> OddShapes => new() { new[] { 1, 3, 7, 5 }, new[] { 2, 13, 9, 11 } };

    [Theory, MemberData(nameof(OddShapes))]
    public void SoftmaxAndLogSoftmax_MatchFiniteDifferences(int[] shape)
    {
        var a = GradCheck.Uniform(new Rng(30), -2, 2, shape);
        GradCheck.Check(x => Ops.Softmax(x[0]), [a], eps: 1e-3);
        GradCheck.Check(x => Ops.LogSoftmax(x[0]), [a], eps: 1e-3);
    }

    [Theory, MemberData(nameof(OddShapes))]
    public void CrossEntropy_N1HWAndNHWTargets_MatchFiniteDifferences(int[] shape)
    {
        var rng = new Rng(31);
        var logits = GradCheck.Uniform(rng, -2, 2, shape);
        var t = Tensor.Empty(shape[0], 1, shape[2], shape[3]).Persist();
        var ts = t.AsSpan();
        for (int i = 0; i < ts.Length; i++) ts[i] = rng.NextInt(shape[1]);
        var t3 = t.Detach().Persist().Reshape(shape[0], shape[2], shape[3]).Persist();
        GradCheck.Check(x => Ops.CrossEntropy(x[0], t), [logits], eps: 1e-3, atol: 1e-4);
        GradCheck.Check(x => Ops.CrossEntropy(x[0], t3), [logits], eps: 1e-3, atol: 1e-4);
    }

    [Fact]
    public void CrossEntropy_UniformLogits_IsLogOfClassCount()
    {
        using var tape = new Tape();
        var loss = Ops.CrossEntropy(Tensor.Zeros(2, 5, 3, 3), new int[18]);
        Assert.Equal(Math.Log(5), loss.Item(), 5);
    }

    [Theory]
    [InlineData(1, 8, 7, 5, 2)]
    [InlineData(2, 9, 9, 11, 3)]
    public void PixelShuffleAndUnshuffle_MatchFiniteDifferences(int n, int c, int h, int w, int r)
    {
        var a = GradCheck.Uniform(new Rng(32), -1, 1, n, c * r * r / (c % (r * r) == 0 ? r * r : 1), h, w);
        var b = GradCheck.Uniform(new Rng(33), -1, 1, n, c, h * r, w * r);
        GradCheck.Check(x => Ops.PixelShuffle(x[0], r), [a]);
        GradCheck.Check(x => Ops.PixelUnshuffle(x[0], r), [b]);
    }

    [Fact]
    public void PixelShuffle_ThenUnshuffle_IsIdentity()
    {
        using var tape = new Tape();
        var x = Tensor.RandomNormal(new Rng(34), 0, 1, 2, 12, 3, 5);
        var y = Ops.PixelShuffle(x, 2);
        Assert.Equal(new[] { 2, 3, 6, 10 }, y.Shape.ToArray());
        Assert.Equal(2f * 0 + x[0, 1, 0, 0], y[0, 0, 0, 1]); // sub-pixel (0,1) comes from channel 1
        Assert.Equal(x.ToArray(), Ops.PixelUnshuffle(y, 2).ToArray());
    }

    [Theory, MemberData(nameof(OddShapes))]
    public void Pooling_MatchesFiniteDifferences(int[] shape)
    {
        var a = GradCheck.Uniform(new Rng(35), -1, 1, shape);
        GradCheck.Check(x => Ops.AvgPool2d(x[0], 2), [a]);
        GradCheck.Check(x => Ops.AvgPool2d(x[0], 3, 2), [a]);
        // Distinct values spaced far apart compared with eps keep the argmax stable.
        var d = Tensor.Empty(shape).Persist();
        var ds = d.AsSpan();
        var perm = Enumerable.Range(0, ds.Length).ToArray();
        new Rng(36).Shuffle<int>(perm);
        for (int i = 0; i < ds.Length; i++) ds[i] = perm[i] * 0.01f;
        GradCheck.Check(x => Ops.MaxPool2d(x[0], 2), [d], eps: 1e-3);
    }

    [Theory, MemberData(nameof(OddShapes))]
    public void ConcatAndSlice_MatchFiniteDifferences(int[] shape)
    {
        var rng = new Rng(37);
        var a = GradCheck.Uniform(rng, -1, 1, shape);
        var b = GradCheck.Uniform(rng, -1, 1, shape[0], 2, shape[2], shape[3]);
        GradCheck.Check(x => Ops.Concat([x[0], x[1], x[0]], 1), [a, b]);
        GradCheck.Check(x => Ops.Slice(x[0], 2, 1, shape[2] - 3), [a]);
        GradCheck.Check(x => Ops.Slice(x[0], -1, 2, 2), [a]);
    }

    [Theory, MemberData(nameof(OddShapes))]
    public void Pad_AllModes_MatchFiniteDifferences(int[] shape)
    {
        var a = GradCheck.Uniform(new Rng(38), -1, 1, shape);
        foreach (var mode in Enum.GetValues<PadMode>())
            GradCheck.Check(x => Ops.Pad(x[0], new Padding2d(2, 1, 0, 3), mode), [a]);
    }

    [Fact]
    public void Pad_ReflectAndReplicate_FollowPyTorchDefinition()
    {
        using var tape = new Tape();
        var x = Tensor.FromArray([1, 2, 3], 1, 1, 1, 3);
        Assert.Equal(new float[] { 3, 2, 1, 2, 3, 2, 1 }, Ops.Pad(x, new Padding2d(0, 2, 0, 2), PadMode.Reflect).ToArray());
        Assert.Equal(new float[] { 1, 1, 1, 2, 3, 3, 3 }, Ops.Pad(x, new Padding2d(0, 2, 0, 2), PadMode.Replicate).ToArray());
        Assert.Equal(new float[] { 0, 1, 2, 3, 0, 0 }, Ops.Pad(x, new Padding2d(0, 1, 0, 2)).ToArray());
    }

    [Theory, MemberData(nameof(OddShapes))]
    public void DepthwiseFilter_MatchesFiniteDifferences(int[] shape)
    {
        var rng = new Rng(39);
        var a = GradCheck.Uniform(rng, -1, 1, shape);
        var k = GradCheck.Uniform(rng, -1, 1, 3, 4);
        GradCheck.Check(x => Ops.DepthwiseFilter(x[0], k), [a]);
        GradCheck.Check(x => Ops.DepthwiseFilter(x[0], k, new Padding2d(0, 2, 1, 0)), [a]);
    }

    [Fact]
    public void DepthwiseFilter_EqualsConv2dWithDiagonalWeight()
    {
        var rng = new Rng(40);
        using var tape = new Tape();
        var x = Tensor.RandomNormal(rng, 0, 1, 2, 3, 6, 5);
        var k = Tensor.RandomNormal(rng, 0, 1, 3, 3);
        var w = Tensor.Zeros(3, 3, 3, 3);
        for (int c = 0; c < 3; c++)
        for (int i = 0; i < 9; i++) w[c, c, i / 3, i % 3] = k[i / 3, i % 3];
        var a = Ops.DepthwiseFilter(x, k).ToArray();
        var b = Ops.Conv2d(x, w, null, 1, 1).ToArray();
        for (int i = 0; i < a.Length; i++) Assert.Equal(b[i], a[i], 4);
    }

    [Theory, MemberData(nameof(OddShapes))]
    public void Resize_AllModes_MatchFiniteDifferences(int[] shape)
    {
        var a = GradCheck.Uniform(new Rng(41), -1, 1, shape);
        foreach (var mode in Enum.GetValues<ResampleMode>())
        {
            GradCheck.Check(x => Ops.Upsample(x[0], 2, mode), [a]);
            GradCheck.Check(x => Ops.Resize(x[0], shape[2] + 4, shape[3] - 2, mode), [a]);
        }
    }

    [Fact]
    public void Resize_Bilinear_MatchesHandComputedAlignCornersFalse()
    {
        using var tape = new Tape();
        var x = Tensor.FromArray([0, 1], 1, 1, 1, 2);
        // Sources -0.25 (clamped to 0), 0.25, 0.75, 1.25 (past the last pixel).
        Assert.Equal(new float[] { 0, 0.25f, 0.75f, 1 }, Ops.Resize(x, 1, 4, ResampleMode.Bilinear).ToArray());
        Assert.Equal(new float[] { 0, 0, 1, 1 }, Ops.Resize(x, 1, 4, ResampleMode.Nearest).ToArray());
    }

    [Fact]
    public void Resize_Bicubic_PreservesConstantsAndInteriorRamps()
    {
        using var tape = new Tape();
        var c = Ops.Upsample(Tensor.Full(3f, 1, 2, 5, 6), 3, ResampleMode.Bicubic).ToArray();
        Assert.All(c, v => Assert.Equal(3f, v, 4));
        // Downscale 4 → 2: sources 0.5 and 2.5, so t = 0.5 and the a = −0.75 kernel gives
        // Far(1.5) = −0.09375 and Near(0.5) = 0.59375 for the impulse at index 2.
        var impulse = Tensor.FromArray([0, 0, 1, 0], 1, 1, 1, 4);
        var y = Ops.Resize(impulse, 1, 2, ResampleMode.Bicubic).ToArray();
        Assert.Equal(-0.09375f, y[0], 6);
        Assert.Equal(0.59375f, y[1], 6);
    }
}
