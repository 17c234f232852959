using SuperRes.Tensors;

namespace SuperRes.Losses;

/// <summary>The sum of several losses (each carries its own weight), e.g. NVIDIA's composite MSE + alpha HFENN.</summary>
public sealed class SumLoss(params ISrLoss[] terms) : ISrLoss
{
    public IReadOnlyList<ISrLoss> Terms { get; } = terms.Length > 0 ? terms : throw new ArgumentException("A sum of no losses.", nameof(terms));

    public string Name => string.Join("+", Terms.Select(t => t.Name));

    public Tensor Compute(Tensor superResolved, Tensor target)
    {
        var total = Terms[0].Compute(superResolved, target);
        for (var i = 1; i < Terms.Count; i++) total = Ops.Add(total, Terms[i].Compute(superResolved, target));
        return total;
    }
}
