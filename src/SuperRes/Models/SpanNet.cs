using SuperRes.Tensors;
using SuperRes.Tensors.Nn;

namespace SuperRes.Models;

/// <summary>
/// SPAN: C. Wan, H. Yu, Z. Li, Y. Chen, Y. Zou, S. Liu, X. Xiong, K. Chen, Y. Song, "Swift
/// Parameter-free Attention Network for Efficient Super-Resolution", CVPRW 2024 (NTIRE 2024
/// efficient SR). The input is mean-subtracted and scaled by 255 (unless the checkpoint says
/// <c>no_norm</c>); a Conv3XC head, six <see cref="SpanAttentionBlock"/>s, a Conv3XC, a 1x1 conv over
/// the concatenation [head, block 6, block 1, block 6's first conv], then a 3x3 conv to
/// <c>channels * scale²</c> and a pixel shuffle. Every Conv3XC is held folded into one 3x3 conv.
/// </summary>
public sealed class SpanNet : SuperResolutionModel
{
    internal static readonly float[] RgbMean = [0.4488f, 0.4371f, 0.4040f];

    private readonly SpanConv _conv1, _conv2;
    private readonly SpanAttentionBlock[] _blocks = new SpanAttentionBlock[6];
    private readonly Conv2d _convCat;
    private readonly Sequential _upsampler;
    private readonly Tensor _mean;
    private readonly SpanOptions _o;

    public SpanNet(SpanOptions options, Rng rng)
        : base(options)
    {
        _o = options;
        int w = options.Width;
        _conv1 = RegisterModule("conv_1", new SpanConv(Channels, w, rng));
        for (int i = 0; i < 6; i++) _blocks[i] = RegisterModule($"block_{i + 1}", new SpanAttentionBlock(w, rng));
        _convCat = RegisterModule("conv_cat", new Conv2d(4 * w, w, 1, rng));
        _conv2 = RegisterModule("conv_2", new SpanConv(w, w, rng));
        _upsampler = RegisterModule("upsampler", new Sequential(new Conv2d(w, Channels * Scale * Scale, 3, rng, padding: 1), new PixelShuffle(Channels, Scale)));
        _mean = Tensor.FromArray(Channels == 3 ? RgbMean : [0f], 1, Channels, 1, 1).Persist();
    }

    public override string Architecture => KnownModels.SpanName;

    public override Tensor Forward(Tensor x)
    {
        SpatialOps.RequireInput(x, Channels, "SPAN");
        if (_o.Normalize) x = Ops.MulScalar(Ops.Sub(x, _mean), 255f);
        var head = _conv1.Forward(x);
        var (b1, first) = _blocks[0].ForwardWithFirst(head);
        if (!Tape.IsGradEnabled) first.Dispose(); // only the last block's out1 joins the concatenation
        var b = b1;
        for (int i = 1; i < 5; i++)
        {
            var next = _blocks[i].Forward(b);
            if (!Tape.IsGradEnabled && !ReferenceEquals(b, b1)) b.Dispose(); // b1 waits for the final concatenation
            b = next;
        }
        var (b6, b6First) = _blocks[5].ForwardWithFirst(b);
        b6 = _conv2.Forward(b6);
        return _upsampler.Forward(_convCat.Forward(Ops.Concat([head, b6, b1, b6First])));
    }

    public override double FlopsPerOutputPixel
    {
        get
        {
            int w = _o.Width;
            double lr = 1.0 / (Scale * Scale);
            return ConvFlops(Channels, w, 3, lr) + 19 * ConvFlops(w, w, 3, lr) + ConvFlops(4 * w, w, 1, lr)
                + ConvFlops(w, Channels * Scale * Scale, 3, lr);
        }
    }

    public override void Dispose()
    {
        _mean.Dispose();
        base.Dispose();
    }
}
