using SuperRes.Tensors;
using SuperRes.Tensors.Nn;

namespace SuperRes.Models;

/// <summary>
/// The network of D. Korobchenko, M. Foco, "Single Image Super-Resolution Using Deep Learning",
/// NVIDIA, 2017: G(x) = Bicubic(x) + DNN(Bicubic(x)), the DNN an encoder-decoder on the
/// bicubic-upscaled image with strided-conv downscaling layers (D) to widen the receptive field,
/// residual blocks (R) at every level, and skip connections (S) adding each encoder level to the
/// decoder level of the same size. Upscaling back is a transposed conv or a pixel shuffle; the
/// result is cropped to the encoder's size, so any image size works.
/// </summary>
public sealed class ResUNet : SuperResolutionModel
{
    private readonly Conv2d _head, _tail;
    private readonly ResUNetBody _body;

    public ResUNet(ResUNetOptions options, Rng rng)
        : base(options)
    {
        _head = RegisterModule("head", new Conv2d(Channels, options.Width, 3, rng, padding: 1));
        _body = new ResUNetBody(options.Width, options.Levels, options.BlocksPerLevel, options.Upsampling, rng);
        RegisterModule("encoders", _body.Encoders);
        RegisterModule("downs", _body.Downs);
        RegisterModule("ups", _body.Ups);
        RegisterModule("decoders", _body.Decoders);
        _tail = RegisterModule("tail", new Conv2d(options.Width, Channels, 3, rng, padding: 1));
    }

    public override string Architecture => KnownModels.ResUNetName;

    public override Tensor Forward(Tensor x)
    {
        SpatialOps.RequireInput(x, Channels, "ResUNet");
        var upscaled = SpatialOps.Bicubic(x, Scale);
        var h = _body.Forward(Ops.Relu(_head.Forward(upscaled)));
        return Ops.Add(upscaled, _tail.Forward(h));
    }

    public override double FlopsPerOutputPixel =>
        ConvFlops(Channels, ((ResUNetOptions)Options).Width, 3, 1) + ConvFlops(((ResUNetOptions)Options).Width, Channels, 3, 1) + _body.Flops(1);
}
