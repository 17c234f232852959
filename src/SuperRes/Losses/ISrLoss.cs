using SuperRes.Tensors;

namespace SuperRes.Losses;

/// <summary>A differentiable loss between a super-resolved batch and its target, both NCHW in [0, 1].</summary>
public interface ISrLoss
{
    /// <summary>Short description for logs, e.g. "charbonnier" or "mse+0.1*hfenn".</summary>
    string Name { get; }

    /// <summary>The loss, shape [1].</summary>
    Tensor Compute(Tensor superResolved, Tensor target);
}
