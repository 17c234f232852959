using SuperRes.Onnx.Export;
using SuperRes.Tensors;

namespace SuperRes.Onnx.Tests;

/// <summary>
/// The sub-pixel rewrites the exporter writes for ONNX Runtime, checked on our engine's reference
/// ops on awkward shapes: a transposed convolution equals a convolution per output phase then a
/// pixel shuffle, and a "same" convolution of a shuffled map equals one on the phases, shuffled.
/// </summary>
public sealed class SubPixelWeightsTests
{
    [Theory]
    [InlineData(3, 2, 0, 1, 0, 3, 5, 7, 6)] // LapSRN's upconv: MatConvNet crop [0 1 0 1]
    [InlineData(4, 2, 1, 0, 0, 2, 3, 5, 4)] // LapSRN's image upsampling
    [InlineData(3, 3, 0, 0, 0, 2, 2, 4, 5)]
    [InlineData(5, 2, 1, 1, 0, 1, 3, 3, 6)]
    [InlineData(3, 2, 1, 0, 1, 4, 2, 6, 3)] // PyTorch's output_padding
    public void Weights_ConvPerPhaseThenShuffle_EqualsTheTransposedConv(int k, int s, int p, int cropEnd, int outputPadding, int cin, int cout, int h, int w)
    {
        Assert.True(SubPixelWeights.Applies(k, s, p, cropEnd, outputPadding));
        var rng = new Rng((ulong)(k * 100 + s * 10 + p));
        var x = Tensor.RandomUniform(rng, -1, 1, 1, cin, h, w);
        var weight = Tensor.RandomUniform(rng, -1, 1, cin, cout, k, k);
        var bias = Tensor.RandomUniform(rng, -1, 1, cout);
        var full = Ops.ConvTranspose2d(x, weight, bias, s, p, outputPadding);
        var expected = Ops.Slice(Ops.Slice(full, 2, 0, s * h), 3, 0, s * w);

        var (min, max) = SubPixelWeights.Offsets(k, s, p);
        int taps = max - min + 1;
        var phaseWeight = Tensor.FromArray(SubPixelWeights.Weights(weight.ToArray(), cin, cout, k, s, p), cout * s * s, cin, taps, taps);
        var phases = Ops.Conv2d(x, phaseWeight, Repeat(bias, s * s), 1, new Padding2d(-min, -min, max, max));
        var actual = Ops.PixelShuffle(phases, s);

        AssertClose(expected, actual);
    }

    [Fact]
    public void Applies_OnlyWhenTheOutputIsStrideTimesTheInput()
    {
        Assert.False(SubPixelWeights.Applies(3, 2, 0, 0, 0)); // 2h + 1
        Assert.False(SubPixelWeights.Applies(3, 1, 1, 0, 0)); // stride 1: a plain conv already
        Assert.True(SubPixelWeights.Applies(3, 2, 0, 1, 0));
    }

    [Theory]
    [InlineData(3, 2, 5, 1, 6, 7)] // LapSRN's residual conv on the last level's phases
    [InlineData(5, 2, 2, 3, 4, 5)]
    [InlineData(3, 3, 2, 2, 3, 4)]
    [InlineData(1, 2, 3, 2, 5, 3)]
    public void PhaseConvWeights_ConvOnPhasesThenShuffle_EqualsTheConvOfTheShuffledMap(int k, int s, int cin, int cout, int h, int w)
    {
        var rng = new Rng((ulong)(k * 10 + s));
        var phases = Tensor.RandomUniform(rng, -1, 1, 1, cin * s * s, h, w);
        var weight = Tensor.RandomUniform(rng, -1, 1, cout, cin, k, k);
        var bias = Tensor.RandomUniform(rng, -1, 1, cout);
        var expected = Ops.Conv2d(Ops.PixelShuffle(phases, s), weight, bias, 1, new Padding2d(k / 2, k / 2, k / 2, k / 2));

        var (min, max) = SubPixelWeights.PhaseOffsets(k, s);
        int taps = max - min + 1;
        var phaseWeight = Tensor.FromArray(SubPixelWeights.PhaseConvWeights(weight.ToArray(), cin, cout, k, s), cout * s * s, cin * s * s, taps, taps);
        var actual = Ops.PixelShuffle(Ops.Conv2d(phases, phaseWeight, Repeat(bias, s * s), 1, new Padding2d(-min, -min, max, max)), s);

        AssertClose(expected, actual);
    }

    private static Tensor Repeat(Tensor bias, int times)
    {
        var b = bias.ToArray();
        return Tensor.FromArray(Enumerable.Range(0, b.Length * times).Select(i => b[i / times]).ToArray(), b.Length * times);
    }

    private static void AssertClose(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.ShapeString, actual.ShapeString);
        var e = expected.ToArray();
        var a = actual.ToArray();
        for (int i = 0; i < e.Length; i++) Assert.True(Math.Abs(e[i] - a[i]) <= 1e-5f, $"value {i}: {e[i]} vs {a[i]}");
    }
}
