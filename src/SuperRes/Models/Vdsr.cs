using SuperRes.Tensors;
using SuperRes.Tensors.Nn;

namespace SuperRes.Models;

/// <summary>
/// VDSR: J. Kim, J. K. Lee, K. M. Lee, "Accurate Image Super-Resolution Using Very Deep
/// Convolutional Networks", CVPR 2016. Depth 3x3 convolutions (ReLU between) on the
/// bicubic-upscaled image predict the residual: output = bicubic + residual.
/// </summary>
public sealed class Vdsr : SuperResolutionModel
{
    private readonly Sequential _body;
    private readonly VdsrOptions _o;

    public Vdsr(VdsrOptions options, Rng rng)
        : base(options)
    {
        _o = options;
        _body = RegisterModule("body", new Sequential(new Conv2d(Channels, options.Width, 3, rng, padding: 1), new ReLU()));
        for (int i = 0; i < options.Depth - 2; i++)
            _body.Add(new Conv2d(options.Width, options.Width, 3, rng, padding: 1)).Add(new ReLU());
        _body.Add(new Conv2d(options.Width, Channels, 3, rng, padding: 1));
        // He initialisation, as the paper.
        foreach (var (name, p) in _body.NamedParameters())
            if (name.EndsWith("weight", StringComparison.Ordinal)) Init.KaimingNormal(p, rng);
    }

    public override string Architecture => KnownModels.VdsrName;

    public override Tensor Forward(Tensor x)
    {
        SpatialOps.RequireInput(x, Channels, "VDSR");
        var upscaled = SpatialOps.Bicubic(x, Scale);
        return Ops.Add(upscaled, _body.Forward(upscaled));
    }

    public override double FlopsPerOutputPixel =>
        ConvFlops(Channels, _o.Width, 3, 1) + (_o.Depth - 2) * ConvFlops(_o.Width, _o.Width, 3, 1) + ConvFlops(_o.Width, Channels, 3, 1);
}
