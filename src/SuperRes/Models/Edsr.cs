using SuperRes.Tensors;
using SuperRes.Tensors.Nn;

namespace SuperRes.Models;

/// <summary>
/// EDSR: B. Lim, S. Son, H. Kim, S. Nah, K. M. Lee, "Enhanced Deep Residual Networks for Single
/// Image Super-Resolution", CVPRW 2017 (the baseline model). Mean subtraction, a head conv, B
/// residual blocks without batch norm, a conv and a global skip, then sub-pixel upsampling
/// (conv to 4x channels + pixel shuffle 2, repeated; or 9x and shuffle 3) and a tail conv; the
/// mean is added back. Works on RGB in [0, 1] (or Y with <c>Channels = 1</c>).
/// </summary>
public sealed class Edsr : SuperResolutionModel
{
    // DIV2K mean colour (the paper's training set), and its BT.601 luma for Y models.
    private static readonly float[] RgbMean = [0.4488f, 0.4371f, 0.4040f];
    private const float LumaMean = 0.4385f;

    private readonly Conv2d _head, _bodyEnd, _tail;
    private readonly Sequential _body, _upsampler;
    private readonly Tensor _mean;
    private readonly EdsrOptions _o;

    public Edsr(EdsrOptions options, Rng rng)
        : base(options)
    {
        _o = options;
        int w = options.Width;
        _head = RegisterModule("head", new Conv2d(Channels, w, 3, rng, padding: 1));
        _body = RegisterModule("body", new Sequential());
        for (int i = 0; i < options.Blocks; i++) _body.Add(new ResidualBlock(w, rng, options.ResidualScale));
        _bodyEnd = RegisterModule("body_end", new Conv2d(w, w, 3, rng, padding: 1));
        _upsampler = RegisterModule("upsampler", new Sequential());
        foreach (int factor in Factors(Scale))
            _upsampler.Add(new Conv2d(w, w * factor * factor, 3, rng, padding: 1)).Add(new PixelShuffle(w, factor));
        _tail = RegisterModule("tail", new Conv2d(w, Channels, 3, rng, padding: 1));
        _mean = Tensor.FromArray(Channels == 3 ? RgbMean : [LumaMean], 1, Channels, 1, 1).Persist();
    }

    public override string Architecture => KnownModels.EdsrName;

    /// <summary>The mean subtracted from the input and added back, [1, channels, 1, 1].</summary>
    internal Tensor Mean => _mean;

    public override Tensor Forward(Tensor x)
    {
        SpatialOps.RequireInput(x, Channels, "EDSR");
        var h = _head.Forward(Ops.Sub(x, _mean));
        var features = Ops.Add(h, _bodyEnd.Forward(_body.Forward(h)));
        return Ops.Add(_tail.Forward(_upsampler.Forward(features)), _mean);
    }

    public override double FlopsPerOutputPixel
    {
        get
        {
            int w = _o.Width;
            double lr = 1.0 / (Scale * Scale);
            double total = ConvFlops(Channels, w, 3, lr) + (2 * _o.Blocks + 1) * ConvFlops(w, w, 3, lr);
            double ratio = lr;
            foreach (int f in Factors(Scale))
            {
                total += ConvFlops(w, w * f * f, 3, ratio);
                ratio *= f * f;
            }
            return total + ConvFlops(w, Channels, 3, 1);
        }
    }

    private static int[] Factors(int scale) => scale == 3 ? [3] : Enumerable.Repeat(2, System.Numerics.BitOperations.Log2((uint)scale)).ToArray();

    public override void Dispose()
    {
        _mean.Dispose();
        base.Dispose();
    }
}
