using SuperRes.Tensors;
using SuperRes.Tensors.Nn;

namespace SuperRes.Models;

/// <summary>
/// The NVIDIA network's other form (Korobchenko and Foco 2017): G(x) = Bicubic(x) + DNN(x), the
/// DNN running <see cref="ResUNet"/>'s encoder-decoder on the LR image and ending in upsampling
/// (3x3 conv to 4x channels, pixel shuffle 2, ReLU, per x2; one x3 stage for scale 3), then a 3x3
/// conv to the image channels. At x4 the body costs 1/16 of ResUNet's, which runs it on the
/// bicubic-upscaled image. Parameters: <c>head</c>, <c>encoders</c>, <c>downs</c>, <c>ups</c>,
/// <c>decoders</c> (as ResUNet's), <c>upsample.S.0</c> (the stage convs), <c>tail</c>.
/// </summary>
public sealed class ResUNetLr : SuperResolutionModel
{
    private readonly Conv2d _head, _tail;
    private readonly ResUNetBody _body;
    private readonly Sequential _upsample;
    private readonly ResUNetLrOptions _o;

    public ResUNetLr(ResUNetLrOptions options, Rng rng)
        : base(options)
    {
        _o = options;
        _head = RegisterModule("head", new Conv2d(Channels, options.Width, 3, rng, padding: 1));
        _body = new ResUNetBody(options.Width, options.Levels, options.BlocksPerLevel, options.Upsampling, rng);
        RegisterModule("encoders", _body.Encoders);
        RegisterModule("downs", _body.Downs);
        RegisterModule("ups", _body.Ups);
        RegisterModule("decoders", _body.Decoders);
        _upsample = RegisterModule("upsample", new Sequential());
        foreach (var factor in UpscaleFactors(options.Scale)!)
            _upsample.Add(new Sequential(new Conv2d(options.Width, options.Width * factor * factor, 3, rng, padding: 1), new PixelShuffle(options.Width, factor)));
        _tail = RegisterModule("tail", new Conv2d(options.Width, Channels, 3, rng, padding: 1));
    }

    /// <summary>The pixel-shuffle stages for <paramref name="scale"/>: 2 per factor of 2, or one 3; null if neither.</summary>
    public static int[]? UpscaleFactors(int scale)
    {
        if (scale == 3) return [3];
        if (scale < 2 || (scale & (scale - 1)) != 0) return null;
        return Enumerable.Repeat(2, System.Numerics.BitOperations.Log2((uint)scale)).ToArray();
    }

    public override string Architecture => KnownModels.ResUNetLrName;

    public override Tensor Forward(Tensor x)
    {
        SpatialOps.RequireInput(x, Channels, "ResUNet-LR");
        var h = _body.Forward(Ops.Relu(_head.Forward(x)));
        for (int i = 0; i < _upsample.Count; i++) h = Ops.Relu(_upsample[i].Forward(h));
        return Ops.Add(SpatialOps.Bicubic(x, Scale), _tail.Forward(h));
    }

    public override double FlopsPerOutputPixel
    {
        get
        {
            double lr = 1.0 / (Scale * Scale);
            double total = ConvFlops(Channels, _o.Width, 3, lr) + _body.Flops(lr) + ConvFlops(_o.Width, Channels, 3, 1);
            double ratio = lr;
            foreach (var factor in UpscaleFactors(Scale)!)
            {
                total += ConvFlops(_o.Width, _o.Width * factor * factor, 3, ratio);
                ratio *= factor * factor;
            }
            return total;
        }
    }
}
