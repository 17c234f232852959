using SuperRes.Tensors;
using SuperRes.Tensors.Nn;

namespace SuperRes.Models;

/// <summary>
/// FSRCNN: C. Dong, C. C. Loy, X. Tang, "Accelerating the Super-Resolution Convolutional Neural
/// Network", ECCV 2016. On the low-resolution image: feature extraction 5x5 (d), shrinking 1x1 (s),
/// m mapping 3x3 layers, expanding 1x1 (d), PReLU after each, then a 9x9 transposed convolution
/// of stride <c>scale</c> (padded so the output is exactly scale times larger).
/// </summary>
public sealed class Fsrcnn : SuperResolutionModel
{
    private readonly Sequential _body;
    private readonly ConvTranspose2d _deconv;
    private readonly FsrcnnOptions _o;

    public Fsrcnn(FsrcnnOptions options, Rng rng)
        : base(options)
    {
        _o = options;
        _body = RegisterModule("body", new Sequential(
            new Conv2d(Channels, options.Width, 5, rng, padding: 2), new PReLU(options.Width),
            new Conv2d(options.Width, options.Shrink, 1, rng), new PReLU(options.Shrink)));
        for (int i = 0; i < options.Depth; i++)
            _body.Add(new Conv2d(options.Shrink, options.Shrink, 3, rng, padding: 1)).Add(new PReLU(options.Shrink));
        _body.Add(new Conv2d(options.Shrink, options.Width, 1, rng)).Add(new PReLU(options.Width));
        // out = (h-1)*s - 2*4 + 9 + (s-1) = h*s.
        _deconv = RegisterModule("deconv", new ConvTranspose2d(options.Width, Channels, 9, rng, stride: Scale, padding: 4, outputPadding: Scale - 1));
        // The paper initialises the deconvolution from N(0, 0.001).
        Init.Normal(_deconv.Weight, rng, 0, 0.001f);
        Init.Constant(_deconv.Bias!, 0);
    }

    public override string Architecture => KnownModels.FsrcnnName;

    public override Tensor Forward(Tensor x)
    {
        SpatialOps.RequireInput(x, Channels, "FSRCNN");
        return _deconv.Forward(_body.Forward(x));
    }

    public override double FlopsPerOutputPixel
    {
        get
        {
            double lr = 1.0 / (Scale * Scale);
            return ConvFlops(Channels, _o.Width, 5, lr) + ConvFlops(_o.Width, _o.Shrink, 1, lr)
                + _o.Depth * ConvFlops(_o.Shrink, _o.Shrink, 3, lr) + ConvFlops(_o.Shrink, _o.Width, 1, lr)
                + ConvFlops(_o.Width, Channels, 9, lr);
        }
    }
}
