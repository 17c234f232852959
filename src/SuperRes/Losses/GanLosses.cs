using SuperRes.Tensors;

namespace SuperRes.Losses;

/// <summary>
/// The adversarial losses of the NVIDIA paper on discriminator logits z (D = sigmoid(z)), written
/// with softplus so that no probability is ever rounded to 0 or 1:
/// -ln D = softplus(-z), -ln(1 - D) = softplus(z).
/// </summary>
public static class GanLosses
{
    /// <summary>-ln D(hr) - ln(1 - D(G(lr))), each averaged over the batch.</summary>
    public static Tensor Discriminator(Tensor realLogits, Tensor fakeLogits) =>
        Ops.Add(Ops.Mean(ElementLosses.Softplus(Ops.Neg(realLogits))), Ops.Mean(ElementLosses.Softplus(fakeLogits)));

    /// <summary>The generator's adversarial term -ln D(G(lr)), averaged over the batch.</summary>
    public static Tensor Generator(Tensor fakeLogits) => Ops.Mean(ElementLosses.Softplus(Ops.Neg(fakeLogits)));
}
