using SuperRes.Tensors;
using SuperRes.Tensors.Nn;

namespace SuperRes.Models;

/// <summary>
/// The encoder-decoder of <see cref="ResUNet"/> and <see cref="ResUNetLr"/>: residual blocks at
/// every level, strided-conv downscaling, transposed-conv or pixel-shuffle upscaling, skip
/// connections adding each encoder level to the decoder level of the same size. Not a module: the
/// networks register its parts under their own names (<c>encoders</c>, <c>downs</c>, <c>ups</c>,
/// <c>decoders</c>), so that files keep their parameter names.
/// </summary>
internal sealed class ResUNetBody
{
    private readonly int _width, _levels, _blocks;
    private readonly ResUNetUpsampling _upsampling;

    public ResUNetBody(int width, int levels, int blocksPerLevel, ResUNetUpsampling upsampling, Rng rng)
    {
        (_width, _levels, _blocks, _upsampling) = (width, levels, blocksPerLevel, upsampling);
        for (int level = 0; level <= levels; level++)
        {
            int w = WidthAt(level);
            Encoders.Add(Blocks(w, rng));
            if (level == levels) break;
            Downs.Add(new Conv2d(w, 2 * w, 3, rng, stride: 2, padding: 1));
            Ups.Add(upsampling == ResUNetUpsampling.TransposedConv
                ? new ConvTranspose2d(2 * w, w, 4, rng, stride: 2, padding: 1)
                : new Sequential(new Conv2d(2 * w, 4 * w, 3, rng, padding: 1), new PixelShuffle(w, 2)));
            Decoders.Add(Blocks(w, rng));
        }
    }

    public Sequential Encoders { get; } = new();
    public Sequential Downs { get; } = new();
    public Sequential Ups { get; } = new();
    public Sequential Decoders { get; } = new();

    private int WidthAt(int level) => _width << level;

    private Sequential Blocks(int width, Rng rng)
    {
        var blocks = new Sequential();
        for (int i = 0; i < _blocks; i++) blocks.Add(new ResidualBlock(width, rng));
        return blocks;
    }

    /// <summary>Features [n, width, h, w] in, the same size out.</summary>
    public Tensor Forward(Tensor h)
    {
        var skips = new Tensor[_levels];
        for (int level = 0; level < _levels; level++)
        {
            skips[level] = Encoders[level].Forward(h);
            h = Ops.Relu(Downs[level].Forward(skips[level]));
        }
        h = Encoders[_levels].Forward(h);
        for (int level = _levels - 1; level >= 0; level--)
        {
            var up = Ups[level].Forward(h);
            var skip = skips[level];
            // Downscaling rounds odd sizes up; drop the extra row or column going back.
            up = SpatialOps.Crop(up, 0, up.Size(2) - skip.Size(2), 0, up.Size(3) - skip.Size(3));
            h = Decoders[level].Forward(Ops.Add(Ops.Relu(up), skip));
        }
        return h;
    }

    /// <summary>FLOPs per output pixel when the body runs on a grid of <paramref name="pixelRatio"/> pixels per output pixel.</summary>
    public double Flops(double pixelRatio)
    {
        static double Conv(int i, int o, int k, double ratio) => 2.0 * i * o * k * k * ratio;
        double total = 0;
        for (int level = 0; level <= _levels; level++)
        {
            int w = WidthAt(level);
            double ratio = pixelRatio * Math.Pow(0.25, level);
            int blockSets = level == _levels ? 1 : 2;
            total += blockSets * _blocks * 2 * Conv(w, w, 3, ratio);
            if (level == _levels) break;
            double below = ratio / 4;
            total += Conv(w, 2 * w, 3, below);
            total += _upsampling == ResUNetUpsampling.TransposedConv ? Conv(2 * w, w, 4, below) : Conv(2 * w, 4 * w, 3, below);
        }
        return total;
    }
}
