using SuperRes.Metrics;
using SuperRes.Tensors;

namespace SuperRes.Losses;

/// <summary>
/// HFENN of Korobchenko and Foco (NVIDIA 2017): ||LoG(sr - hr)||² / N, the Laplacian of Gaussian
/// being MATLAB's <c>fspecial('log', 15, 1.5)</c> applied to every channel with zero padding (the
/// difference, not the image, is padded, so the border adds no false edges); N = number of elements.
/// </summary>
public sealed class HfennLoss : ISrLoss, IDisposable
{
    public const int DefaultSize = 15;
    public const double DefaultSigma = 1.5;

    private readonly Tensor _filter;
    private readonly int _radius;

    public HfennLoss(float weight = 1f, int size = DefaultSize, double sigma = DefaultSigma)
    {
        if (size < 1 || size % 2 == 0) throw new ArgumentOutOfRangeException(nameof(size), "The LoG size must be odd.");
        Weight = weight;
        _radius = size / 2;
        var log = Fspecial.LaplacianOfGaussian(size, sigma);
        var values = new float[size * size];
        for (var r = 0; r < size; r++)
            for (var c = 0; c < size; c++)
                values[r * size + c] = (float)log[r, c];
        using (Tape.NoGrad()) _filter = Tensor.FromArray(values, 1, 1, size, size).Persist();
    }

    public float Weight { get; }

    public string Name => "hfenn";

    /// <summary>LoG of every channel of [n, c, h, w], same size (the filter is symmetric, so correlation = convolution).</summary>
    public Tensor Filter(Tensor x)
    {
        LossChecks.Nchw(x, Name);
        int n = x.Size(0), c = x.Size(1), h = x.Size(2), w = x.Size(3);
        var planes = Ops.Reshape(x, n * c, 1, h, w);
        return Ops.Reshape(Ops.Conv2d(planes, _filter, null, 1, _radius), n, c, h, w);
    }

    public Tensor Compute(Tensor superResolved, Tensor target)
    {
        LossChecks.SameShape(superResolved, target, Name);
        var filtered = Filter(Ops.Sub(superResolved, target));
        return ElementLosses.Reduce(Ops.Mul(filtered, filtered), Reduction.Mean, Weight);
    }

    public void Dispose() => _filter.Dispose();
}
