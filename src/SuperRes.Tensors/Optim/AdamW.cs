namespace SuperRes.Tensors.Optim;

/// <summary>Adam with decoupled weight decay (PyTorch AdamW; default weight decay 0.01).</summary>
public sealed class AdamW(IEnumerable<Tensor> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
    double epsilon = 1e-8, double weightDecay = 0.01)
    : Adam(parameters, learningRate, beta1, beta2, epsilon, weightDecay, decoupled: true);
