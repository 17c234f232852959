using SuperRes.Tensors;
using SuperRes.Tensors.Nn;

namespace SuperRes.Models;

/// <summary>
/// SRCNN: C. Dong, C. C. Loy, K. He, X. Tang, "Image Super-Resolution Using Deep Convolutional
/// Networks", TPAMI 2016. Three convolutions (patch extraction 9x9, non-linear mapping 5x5,
/// reconstruction 5x5, ReLU between) on the bicubic-upscaled image. Unlike the paper (valid
/// convolutions, smaller output), we pad so that the output has the size of the input.
/// </summary>
public sealed class Srcnn : SuperResolutionModel
{
    private readonly Conv2d _extract, _map, _reconstruct;
    private readonly SrcnnOptions _o;

    public Srcnn(SrcnnOptions options, Rng rng)
        : base(options)
    {
        _o = options;
        _extract = RegisterModule("extract", new Conv2d(Channels, options.Width1, options.Kernel1, rng, padding: options.Kernel1 / 2));
        _map = RegisterModule("map", new Conv2d(options.Width1, options.Width2, options.Kernel2, rng, padding: options.Kernel2 / 2));
        _reconstruct = RegisterModule("reconstruct", new Conv2d(options.Width2, Channels, options.Kernel3, rng, padding: options.Kernel3 / 2));
    }

    public override string Architecture => KnownModels.SrcnnName;

    public override Tensor Forward(Tensor x)
    {
        SpatialOps.RequireInput(x, Channels, "SRCNN");
        var y = SpatialOps.Bicubic(x, Scale);
        y = Ops.Relu(_extract.Forward(y));
        y = Ops.Relu(_map.Forward(y));
        return _reconstruct.Forward(y);
    }

    public override double FlopsPerOutputPixel =>
        ConvFlops(Channels, _o.Width1, _o.Kernel1, 1) + ConvFlops(_o.Width1, _o.Width2, _o.Kernel2, 1) + ConvFlops(_o.Width2, Channels, _o.Kernel3, 1);
}
