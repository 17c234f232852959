namespace SuperRes.Tensors.Tests;

/// <summary>
/// The ops the community architectures use (SiLU, nearest upsampling, PReLU's vector path, pixel
/// unshuffle, concat), against their plain references on awkward shapes and against finite differences.
/// </summary>
public class CommunityOpsTests
{
    public static TheoryData<int[]> AwkwardShapes => new() { new[] { 1, 1, 1, 1 }, new[] { 1, 3, 7, 5 }, new[] { 2, 5, 9, 17 }, new[] { 1, 2, 3, 63 } };

    [Theory, MemberData(nameof(AwkwardShapes))]
    public void Silu_MatchesReferenceAndFiniteDifferences(int[] shape)
    {
        var x = GradCheck.Uniform(new Rng(11), -4f, 4f, shape);
        var y = Ops.Silu(x).ToArray();
        var xs = x.ToArray();
        for (int i = 0; i < xs.Length; i++) Assert.Equal(Ops.SiluReference(xs[i]), y[i], 5e-6f);
        float[] inference; // without gradients the sigmoid is formed in the output itself
        using (Tape.NoGrad()) inference = Ops.Silu(x).ToArray();
        Assert.Equal(y, inference);
        GradCheck.Check(t => Ops.Silu(t[0]), [GradCheck.Uniform(new Rng(12), -3f, 3f, shape)], eps: 1e-3);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void UpsampleNearest_MatchesResizeAndFiniteDifferences(int scale)
    {
        foreach (var shape in new[] { new[] { 1, 1, 1, 1 }, new[] { 2, 3, 5, 7 }, new[] { 1, 2, 1, 13 } })
        {
            var x = GradCheck.Uniform(new Rng(13), -1f, 1f, shape);
            var fast = Ops.UpsampleNearest(x, scale);
            var reference = Ops.Resize(x, shape[2] * scale, shape[3] * scale, ResampleMode.Nearest);
            Assert.Equal(reference.Shape.ToArray(), fast.Shape.ToArray());
            Assert.Equal(reference.ToArray(), fast.ToArray());
            GradCheck.Check(t => Ops.UpsampleNearest(t[0], scale), [GradCheck.Uniform(new Rng(14), -1f, 1f, shape)]);
        }
    }

    [Theory, MemberData(nameof(AwkwardShapes))]
    public void PRelu_VectorPath_EqualsReference(int[] shape)
    {
        var rng = new Rng(15);
        var x = GradCheck.Uniform(rng, -2f, 2f, shape);
        foreach (var w in new[] { GradCheck.Uniform(rng, -0.5f, 0.5f, shape[1]), GradCheck.Uniform(rng, 0.1f, 0.3f, 1) })
        {
            var expected = new float[x.Length];
            int inner = shape[2] * shape[3];
            Ops.PReluReference(x.AsSpan(), expected, w.AsSpan(), shape[1], inner);
            Assert.Equal(expected, Ops.PRelu(x, w).ToArray());
        }
    }

    [Fact]
    public void PixelUnshuffleThenConcat_MatchFiniteDifferences()
    {
        var rng = new Rng(16);
        var a = GradCheck.Uniform(rng, -1f, 1f, 1, 3, 6, 10);
        var b = GradCheck.Uniform(rng, -1f, 1f, 1, 5, 3, 5);
        GradCheck.Check(t => Ops.Concat([Ops.PixelUnshuffle(t[0], 2), t[1], Ops.Silu(t[1])]), [a, b], eps: 1e-3);
    }
}
