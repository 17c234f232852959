using SuperRes.Tensors;
using SuperRes.Tensors.Nn;

namespace SuperRes.Models;

/// <summary>
/// LapSRN: W.-S. Lai, J.-B. Huang, N. Ahuja, M.-H. Yang, "Deep Laplacian Pyramid Networks for Fast
/// and Accurate Super-Resolution", CVPR 2017. Progressive x2 levels on the low-resolution input:
/// a shared input conv (3x3 + LeakyReLU 0.2), then per level a feature branch predicting the
/// residual and an image branch upscaling the image; every level outputs an image (x2, x4, x8).
/// The published weights load with <see cref="LapSrnWeights"/>.
/// </summary>
public sealed class LapSrn : SuperResolutionModel, IMultiLevelModel
{
    private readonly Conv2d _inputConv;
    private readonly Sequential _levels;
    private readonly LapSrnOptions _options;

    public LapSrn(LapSrnOptions options, Rng rng)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(rng);
        _options = options;
        _inputConv = RegisterModule("input_conv", new Conv2d(options.Channels, options.Width, 3, rng, padding: 1));
        _levels = RegisterModule("levels", new Sequential());
        for (int i = 0; i < LevelCount; i++) _levels.Add(new LapSrnLevel(options, rng));
    }

    public override string Architecture => KnownModels.LapSrnName;

    /// <summary>Number of x2 levels: log2(scale).</summary>
    public int LevelCount => System.Numerics.BitOperations.Log2((uint)Scale);

    internal Conv2d InputConv => _inputConv;
    internal LapSrnLevel Level(int index) => (LapSrnLevel)_levels[index];

    public override Tensor Forward(Tensor x) => ForwardLevels(x)[^1];

    /// <summary>The output of every level, x2 first (for the multi-scale loss of the paper).</summary>
    public IReadOnlyList<Tensor> ForwardLevels(Tensor x) => ForwardLevels(x, LevelCount);

    /// <summary>
    /// The outputs of the first <paramref name="levels"/> levels, x2 first. Without gradients, the
    /// last level's features at twice the resolution, the largest tensor of the network, are never
    /// stored: its transposed conv, residual conv and sum run a few rows at a time
    /// (<see cref="LapSrnLevel.ForwardImage(Tensor, Tensor)"/>).
    /// </summary>
    public IReadOnlyList<Tensor> ForwardLevels(Tensor x, int levels)
    {
        SpatialOps.RequireInput(x, Channels, "LapSRN");
        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(levels, LevelCount);
        var outputs = new List<Tensor>(levels);
        var features = Ops.Conv2dLeakyRelu(x, _inputConv.Weight, _inputConv.Bias, _inputConv.Padding, _options.LeakySlope);
        var image = x;
        bool release = !Tape.IsGradEnabled; // without gradients, hand each level's features back to the pool once used
        for (int i = 0; i < levels; i++)
        {
            if (release && i == levels - 1)
            {
                // The last level's features are not kept: its image alone.
                image = Level(i).ForwardImage(features, image, releaseInput: true);
                outputs.Add(image);
                return outputs;
            }
            // Each level hands its features to the next, which releases them once read.
            (features, image) = Level(i).Forward(features, image, releaseInput: release);
            outputs.Add(image);
        }
        if (release) features.Dispose();
        return outputs;
    }

    /// <summary>
    /// What <see cref="ForwardLevels(Tensor, int)"/> holds per input pixel without gradients, level by
    /// level at its resolution (4^i pixels per input pixel): two feature maps (a conv's input and
    /// output), the level's image, its upscaled image and output at twice the resolution; plus the
    /// row bands of the fused tail. The pool keeps buffers by exact size, so every level's add up.
    /// A fifth more covers the pool's rounding and per-pass buffers: the tests hold it between the
    /// probe's measurement and 1.6 times it, for widths 16-64, 1 or 3 channels, x2-x8.
    /// </summary>
    internal override double? WorkingBytesPerInputPixel(int scale)
    {
        int levels = System.Numerics.BitOperations.Log2((uint)scale), w = _options.Width, c = Channels;
        if (scale < 2 || levels > LevelCount || 1 << levels != scale) return null;
        double floats = w;
        for (int i = 0; i < levels; i++) floats += (1 << 2 * i) * (2.0 * w + 9 * c);
        return 1.2 * sizeof(float) * floats;
    }

    public override double FlopsPerOutputPixel
    {
        get
        {
            int w = _options.Width, c = Channels;
            double total = ConvFlops(c, w, 3, 1.0 / (Scale * Scale));
            for (int level = 0; level < LevelCount; level++)
            {
                int inScale = 1 << level;                         // resolution of the level's input
                double lr = (double)inScale * inScale / (Scale * Scale);
                double hr = 4 * lr;
                total += _options.Depth * ConvFlops(w, w, 3, lr);
                total += ConvFlops(w, w, 3, lr);                  // transposed conv, counted on its input
                total += ConvFlops(w, c, 3, hr);
                total += ConvFlops(c, c, 4, lr);
            }
            return total;
        }
    }
}
