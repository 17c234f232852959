using SuperRes.Tensors.Nn;

namespace SuperRes.Tensors.Tests;

/// <summary><see cref="Ops.Conv2dIntoChannels"/> against conv2d, leaky ReLU and slicing, and <see cref="Sequential"/>'s release of activations.</summary>
public class DenseConvTests
{
    [Theory]
    // batch, channels of x, channels read, out channels, height, width, offset in the output, leaky?
    [InlineData(1, 5, 3, 4, 7, 9, 0, true)]
    [InlineData(2, 40, 24, 16, 19, 21, 5, true)]
    [InlineData(3, 33, 33, 17, 18, 64, 2, false)]
    [InlineData(1, 96, 64, 32, 20, 70, 96, true)]
    public void IntoChannels_EqualsConvOfTheLeadingChannels_AndLeavesTheRestAlone(int n, int channels, int cin, int cout, int h, int w, int offset, bool leaky)
    {
        using var noGrad = Tape.NoGrad();
        var rng = new Rng(61);
        var x = Tensor.RandomUniform(rng, -1, 1, n, channels, h, w);
        var weight = Tensor.RandomUniform(rng, -1, 1, cout, cin, 3, 3);
        var bias = Tensor.RandomUniform(rng, -1, 1, cout);
        var into = Tensor.RandomUniform(rng, -1, 1, n, offset + cout + 3, h, w);
        var before = into.ToArray();
        var conv = Ops.Conv2d(Ops.Slice(x, 1, 0, cin), weight, bias, 1, Padding2d.Same(1));
        var expected = leaky ? Ops.LeakyRelu(conv, 0.2f) : conv;

        Ops.Conv2dIntoChannels(x, weight, bias, Padding2d.Same(1), leaky ? 0.2f : null, into, offset);

        var written = Ops.Slice(into, 1, offset, cout).ToArray();
        var e = expected.ToArray();
        for (int i = 0; i < e.Length; i++) Assert.True(MathF.Abs(e[i] - written[i]) <= 1e-4f * (1 + MathF.Abs(e[i])), $"value {i}: {written[i]}, expected {e[i]}");
        var after = into.ToArray();
        int plane = h * w, perImage = into.Size(1) * plane;
        for (int i = 0; i < after.Length; i++)
        {
            int c = i % perImage / plane;
            if (c < offset || c >= offset + cout) Assert.Equal(before[i], after[i]);
        }
    }

    [Fact]
    public void IntoChannels_SameTensor_WritesPastWhatItReads()
    {
        using var noGrad = Tape.NoGrad();
        var rng = new Rng(62);
        var dense = Tensor.RandomUniform(rng, -1, 1, 2, 24, 11, 13);
        var weight = Tensor.RandomUniform(rng, -1, 1, 8, 16, 3, 3);
        var expected = Ops.Conv2dLeakyRelu(Ops.Slice(dense, 1, 0, 16), weight, null, Padding2d.Same(1), 0.2f).ToArray();

        Ops.Conv2dIntoChannels(dense, weight, null, Padding2d.Same(1), 0.2f, dense, 16);

        var written = Ops.Slice(dense, 1, 16, 8).ToArray();
        for (int i = 0; i < expected.Length; i++) Assert.True(MathF.Abs(expected[i] - written[i]) <= 1e-4f * (1 + MathF.Abs(expected[i])));
        var overlap = Assert.Throws<ArgumentException>(() => Ops.Conv2dIntoChannels(dense, weight, null, Padding2d.Same(1), null, dense, 8));
        Assert.Contains("over the 16 channels read", overlap.Message);
    }

    [Fact]
    public void IntoChannels_RefusesGradients_AndOutputsWithoutRoom()
    {
        var rng = new Rng(63);
        var x = Tensor.RandomUniform(rng, -1, 1, 1, 4, 6, 6);
        var weight = Tensor.RandomUniform(rng, -1, 1, 3, 4, 3, 3);
        weight.RequiresGrad = true;
        var into = Tensor.Zeros(1, 4, 6, 6);
        using (var tape = new Tape())
        {
            Assert.Throws<InvalidOperationException>(() => Ops.Conv2dIntoChannels(x, weight, null, Padding2d.Same(1), null, into, 0));
            weight.RequiresGrad = false;
            into.RequiresGrad = true; // a tensor a recorded backward pass may read: not to be overwritten
            Assert.Throws<InvalidOperationException>(() => Ops.Conv2dIntoChannels(x, weight, null, Padding2d.Same(1), null, into, 0));
            into.RequiresGrad = false;
        }
        using var noGrad = Tape.NoGrad();
        var full = Assert.Throws<ArgumentException>(() => Ops.Conv2dIntoChannels(x, weight, null, Padding2d.Same(1), null, into, 2));
        Assert.Contains("no room for 3 channels", full.Message);
    }

    [Fact]
    public void Sequential_WithoutGradients_ReleasesEveryActivationBetweenInputAndResult()
    {
        var rng = new Rng(64);
        var seen = new List<Tensor>();
        var layers = new Sequential(new Conv2d(2, 3, 3, rng, padding: 1), new Recorder(seen), new Conv2d(3, 3, 3, rng, padding: 1),
            new Recorder(seen), new Identity(), new Conv2d(3, 2, 3, rng, padding: 1));
        var x = Tensor.RandomUniform(rng, -1, 1, 1, 2, 5, 6);
        Tensor withGradients;
        using (var tape = new Tape())
        {
            withGradients = layers.Forward(x).Persist();
            Assert.All(seen, t => Assert.False(t.IsDisposed)); // the backward pass will read them
        }
        seen.Clear();
        using var noGrad = Tape.NoGrad();
        var y = layers.Forward(x);
        Assert.False(x.IsDisposed);
        Assert.False(y.IsDisposed);
        Assert.Equal(2, seen.Count);
        Assert.All(seen, t => Assert.True(t.IsDisposed));
        Assert.Equal(withGradients.ToArray(), y.ToArray());
    }

    /// <summary>Keeps every input it is given, to see which are released later.</summary>
    private sealed class Recorder(List<Tensor> seen) : Module
    {
        public override Tensor Forward(Tensor x)
        {
            seen.Add(x);
            return Ops.MulScalar(x, 1f);
        }
    }

    /// <summary>Returns its input itself: the next layer's input must not be released under it.</summary>
    private sealed class Identity : Module
    {
        public override Tensor Forward(Tensor x) => x;
    }
}
