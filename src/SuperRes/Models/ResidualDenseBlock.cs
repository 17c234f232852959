using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using SuperRes.Tensors;
using SuperRes.Tensors.Nn;

namespace SuperRes.Models;

/// <summary>
/// ESRGAN's residual dense block: five 3x3 convs (<c>conv1</c>..<c>conv5</c>), each fed the
/// concatenation of the block input and every earlier output, LeakyReLU(0.2) after the first four;
/// the last output, scaled by 0.2, is added to the input.
/// </summary>
internal sealed class ResidualDenseBlock : Module
{
    private readonly Conv2d[] _convs = new Conv2d[5];
    private readonly int _width, _growth;

    public ResidualDenseBlock(int width, int growth, Rng rng)
    {
        _width = width;
        _growth = growth;
        for (int i = 0; i < 5; i++)
            _convs[i] = RegisterModule($"conv{i + 1}", new Conv2d(width + i * growth, i == 4 ? width : growth, 3, rng, padding: 1));
    }

    public override Tensor Forward(Tensor x)
    {
        if (!Tape.IsGradEnabled) return Infer(x);
        var features = new List<Tensor> { x };
        for (int i = 0; i < 4; i++) features.Add(Ops.LeakyRelu(_convs[i].Forward(Ops.Concat([.. features])), 0.2f));
        return Ops.Add(Ops.MulScalar(_convs[4].Forward(Ops.Concat([.. features])), 0.2f), x);
    }

    /// <summary>
    /// The same without gradients: one tensor holds the input and every conv's output side by side,
    /// each conv reads the channels before its own and writes its own (no concatenation copied, the
    /// leaky ReLU applied inside the conv), and the scaled sum is formed in the last conv's output.
    /// </summary>
    private Tensor Infer(Tensor x)
    {
        int n = x.Size(0), h = x.Size(2), w = x.Size(3);
        var dense = Tensor.Empty(n, _width + 4 * _growth, h, w);
        long plane = (long)h * w, image = (long)x.Size(1) * plane, denseImage = dense.Size(1) * plane;
        for (int i = 0; i < n; i++) x.AsSpan().Slice((int)(i * image), (int)image).CopyTo(dense.AsSpan().Slice((int)(i * denseImage)));
        for (int i = 0; i < 4; i++)
            Ops.Conv2dIntoChannels(dense, _convs[i].Weight, _convs[i].Bias, _convs[i].Padding, 0.2f, dense, _width + i * _growth);
        var y = Tensor.Empty(n, _width, h, w);
        Ops.Conv2dIntoChannels(dense, _convs[4].Weight, _convs[4].Bias, _convs[4].Padding, null, y, 0);
        dense.Dispose();
        TensorPrimitives.MultiplyAdd(y.AsSpan(), 0.2f, x.AsSpan(), y.AsSpan());
        return y;
    }
}
