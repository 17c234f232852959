namespace SuperRes.Tensors.Optim;

/// <summary>Gradient clipping by global L2 norm (PyTorch clip_grad_norm_).</summary>
public static class GradientClipping
{
    /// <summary>Scales all gradients so that their joint norm is at most <paramref name="maxNorm"/>; returns the norm before.</summary>
    public static double ClipByGlobalNorm(IEnumerable<Tensor> parameters, double maxNorm)
    {
        var grads = parameters.Select(p => p.Grad).OfType<Tensor>().ToList();
        double sum = 0;
        foreach (var g in grads)
            foreach (float v in g.AsSpan()) sum += (double)v * v;
        double norm = Math.Sqrt(sum);
        double scale = maxNorm / (norm + 1e-6);
        if (scale < 1)
            foreach (var g in grads)
                System.Numerics.Tensors.TensorPrimitives.Multiply(g.AsSpan(), (float)scale, g.AsSpan());
        return norm;
    }
}
