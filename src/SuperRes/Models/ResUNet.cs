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
    private readonly Sequential _encoders, _downs, _ups, _decoders;
    private readonly ResUNetOptions _o;

    public ResUNet(ResUNetOptions options, Rng rng)
        : base(options)
    {
        _o = options;
        _head = RegisterModule("head", new Conv2d(Channels, options.Width, 3, rng, padding: 1));
        _encoders = RegisterModule("encoders", new Sequential());
        _downs = RegisterModule("downs", new Sequential());
        _ups = RegisterModule("ups", new Sequential());
        _decoders = RegisterModule("decoders", new Sequential());
        for (int level = 0; level <= options.Levels; level++)
        {
            int w = WidthAt(level);
            _encoders.Add(Blocks(w, rng));
            if (level == options.Levels) break;
            _downs.Add(new Conv2d(w, 2 * w, 3, rng, stride: 2, padding: 1));
            _ups.Add(options.Upsampling == ResUNetUpsampling.TransposedConv
                ? new ConvTranspose2d(2 * w, w, 4, rng, stride: 2, padding: 1)
                : new Sequential(new Conv2d(2 * w, 4 * w, 3, rng, padding: 1), new PixelShuffle(w, 2)));
            _decoders.Add(Blocks(w, rng));
        }
        _tail = RegisterModule("tail", new Conv2d(options.Width, Channels, 3, rng, padding: 1));
    }

    public override string Architecture => KnownModels.ResUNetName;

    private int WidthAt(int level) => _o.Width << level;

    private Sequential Blocks(int width, Rng rng)
    {
        var blocks = new Sequential();
        for (int i = 0; i < _o.BlocksPerLevel; i++) blocks.Add(new ResidualBlock(width, rng));
        return blocks;
    }

    public override Tensor Forward(Tensor x)
    {
        SpatialOps.RequireInput(x, Channels, "ResUNet");
        var upscaled = SpatialOps.Bicubic(x, Scale);
        var skips = new Tensor[_o.Levels];
        var h = Ops.Relu(_head.Forward(upscaled));
        for (int level = 0; level < _o.Levels; level++)
        {
            skips[level] = _encoders[level].Forward(h);
            h = Ops.Relu(_downs[level].Forward(skips[level]));
        }
        h = _encoders[_o.Levels].Forward(h);
        for (int level = _o.Levels - 1; level >= 0; level--)
        {
            var up = _ups[level].Forward(h);
            var skip = skips[level];
            // Downscaling rounds odd sizes up; drop the extra row or column going back.
            up = SpatialOps.Crop(up, 0, up.Size(2) - skip.Size(2), 0, up.Size(3) - skip.Size(3));
            h = _decoders[level].Forward(Ops.Add(Ops.Relu(up), skip));
        }
        return Ops.Add(upscaled, _tail.Forward(h));
    }

    public override double FlopsPerOutputPixel
    {
        get
        {
            double total = ConvFlops(Channels, _o.Width, 3, 1) + ConvFlops(_o.Width, Channels, 3, 1);
            for (int level = 0; level <= _o.Levels; level++)
            {
                int w = WidthAt(level);
                double ratio = Math.Pow(0.25, level);
                int blockSets = level == _o.Levels ? 1 : 2;
                total += blockSets * _o.BlocksPerLevel * 2 * ConvFlops(w, w, 3, ratio);
                if (level == _o.Levels) break;
                double below = ratio / 4;
                total += ConvFlops(w, 2 * w, 3, below);
                total += _o.Upsampling == ResUNetUpsampling.TransposedConv
                    ? ConvFlops(2 * w, w, 4, below)
                    : ConvFlops(2 * w, 4 * w, 3, below);
            }
            return total;
        }
    }
}
