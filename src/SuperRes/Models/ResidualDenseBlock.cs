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

    public ResidualDenseBlock(int width, int growth, Rng rng)
    {
        for (int i = 0; i < 5; i++)
            _convs[i] = RegisterModule($"conv{i + 1}", new Conv2d(width + i * growth, i == 4 ? width : growth, 3, rng, padding: 1));
    }

    public override Tensor Forward(Tensor x)
    {
        var features = new List<Tensor> { x };
        for (int i = 0; i < 4; i++) features.Add(Ops.LeakyRelu(_convs[i].Forward(Ops.Concat([.. features])), 0.2f));
        return Ops.Add(Ops.MulScalar(_convs[4].Forward(Ops.Concat([.. features])), 0.2f), x);
    }
}
