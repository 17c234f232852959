using SuperRes.Tensors;
using SuperRes.Tensors.Nn;

namespace SuperRes.Losses;

/// <summary>
/// The GAN discriminator: 3x3 convolutions alternating stride 1 and 2 with LeakyReLU 0.2, channels
/// doubling at every stride (SRGAN's layout, shortened), a global average, a hidden linear layer and
/// one logit. D = sigmoid(logit) is left to <see cref="GanLosses"/>. The global average makes it
/// accept any patch size.
/// </summary>
public sealed class Discriminator : Module
{
    private readonly Sequential _convs;
    private readonly Linear _hidden;
    private readonly Linear _output;

    public Discriminator(int channels, Rng rng, int width = 32, int stages = 3)
    {
        ArgumentNullException.ThrowIfNull(rng);
        _convs = RegisterModule("convs", new Sequential());
        var inC = channels;
        for (var s = 0; s < stages; s++)
        {
            var outC = width << s;
            _convs.Add(new Conv2d(inC, outC, 3, rng, stride: 1, padding: 1));
            _convs.Add(new LeakyReLU(0.2f));
            _convs.Add(new Conv2d(outC, outC, 3, rng, stride: 2, padding: 1));
            _convs.Add(new LeakyReLU(0.2f));
            inC = outC;
        }
        _hidden = RegisterModule("hidden", new Linear(inC, 2 * inC, rng));
        _output = RegisterModule("output", new Linear(2 * inC, 1, rng));
    }

    /// <summary>[n, c, h, w] to logits [n, 1].</summary>
    public override Tensor Forward(Tensor x)
    {
        var f = _convs.Forward(x);
        var pooled = Ops.Mean(f, [2, 3]);
        return _output.Forward(Ops.LeakyRelu(_hidden.Forward(pooled), 0.2f));
    }
}
