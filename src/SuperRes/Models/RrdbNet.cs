using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using SuperRes.Tensors;
using SuperRes.Tensors.Nn;

namespace SuperRes.Models;

/// <summary>
/// RRDBNet, the generator of ESRGAN: X. Wang et al., "ESRGAN: Enhanced Super-Resolution Generative
/// Adversarial Networks", ECCVW 2018, and of Real-ESRGAN (X. Wang et al., ICCVW 2021). A head conv,
/// <c>Blocks</c> residual-in-residual dense blocks, a conv and a global skip, then two nearest x2
/// upsamplings each followed by a conv and LeakyReLU(0.2), a conv, LeakyReLU and the output conv.
/// For scale 2 (and 1) the input is first pixel-unshuffled by 2 (by 4), as Real-ESRGAN x2plus does,
/// so the network always upsamples by 4 internally. Parameter names follow BasicSR
/// (<c>conv_first</c>, <c>body.N.rdbK.convJ</c>, <c>conv_body</c>, <c>conv_up1</c>, <c>conv_up2</c>,
/// <c>conv_hr</c>, <c>conv_last</c>). Works on RGB in [0, 1].
/// </summary>
public sealed class RrdbNet : SuperResolutionModel
{
    private readonly Conv2d _convFirst, _convBody, _convUp1, _convUp2, _convHr, _convLast;
    private readonly Sequential _body;
    private readonly RrdbNetOptions _o;

    public RrdbNet(RrdbNetOptions options, Rng rng)
        : base(options)
    {
        _o = options;
        int w = options.Width;
        _convFirst = RegisterModule("conv_first", new Conv2d(Channels * Unshuffle * Unshuffle, w, 3, rng, padding: 1));
        _body = RegisterModule("body", new Sequential());
        for (int i = 0; i < options.Blocks; i++) _body.Add(new ResidualInResidualDenseBlock(w, options.GrowthChannels, rng));
        _convBody = RegisterModule("conv_body", new Conv2d(w, w, 3, rng, padding: 1));
        _convUp1 = RegisterModule("conv_up1", new Conv2d(w, w, 3, rng, padding: 1));
        _convUp2 = RegisterModule("conv_up2", new Conv2d(w, w, 3, rng, padding: 1));
        _convHr = RegisterModule("conv_hr", new Conv2d(w, w, 3, rng, padding: 1));
        _convLast = RegisterModule("conv_last", new Conv2d(w, Channels, 3, rng, padding: 1));
    }

    public override string Architecture => KnownModels.RrdbNetName;

    /// <summary>The pixel-unshuffle factor applied to the input: 4 / scale.</summary>
    internal int Unshuffle => 4 / Scale;

    public override Tensor Forward(Tensor x)
    {
        SpatialOps.RequireInput(x, Channels, "RRDBNet");
        if (Unshuffle > 1)
        {
            if (x.Size(2) % Unshuffle != 0 || x.Size(3) % Unshuffle != 0)
                throw new ArgumentException($"RRDBNet x{Scale}: input {x.ShapeString} must have sides divisible by {Unshuffle}.");
            x = Ops.PixelUnshuffle(x, Unshuffle);
        }
        var feat = _convFirst.Forward(x);
        if (!Tape.IsGradEnabled)
        {
            if (Unshuffle > 1) x.Dispose(); // the unshuffled copy, not the caller's input
            return Infer(feat);
        }
        feat = Ops.Add(feat, _convBody.Forward(_body.Forward(feat)));
        feat = Ops.LeakyRelu(_convUp1.Forward(Ops.Upsample(feat, 2, ResampleMode.Nearest)), 0.2f);
        feat = Ops.LeakyRelu(_convUp2.Forward(Ops.Upsample(feat, 2, ResampleMode.Nearest)), 0.2f);
        return _convLast.Forward(Ops.LeakyRelu(_convHr.Forward(feat), 0.2f));
    }

    /// <summary>
    /// <see cref="Forward"/> after the first conv, without gradients: the leaky ReLUs inside the convs and
    /// every activation handed back to the pool once read, so that memory stays a few activations deep.
    /// </summary>
    private Tensor Infer(Tensor feat)
    {
        var body = _body.Forward(feat);
        var skip = _convBody.Forward(body);
        body.Dispose();
        TensorPrimitives.Add(skip.AsSpan(), feat.AsSpan(), skip.AsSpan());
        feat.Dispose();
        var x = skip;
        foreach (var conv in new[] { _convUp1, _convUp2 })
        {
            var up = Ops.Upsample(x, 2, ResampleMode.Nearest);
            x.Dispose();
            x = Ops.Conv2dLeakyRelu(up, conv.Weight, conv.Bias, conv.Padding, 0.2f);
            up.Dispose();
        }
        var hr = Ops.Conv2dLeakyRelu(x, _convHr.Weight, _convHr.Bias, _convHr.Padding, 0.2f);
        x.Dispose();
        var y = _convLast.Forward(hr);
        hr.Dispose();
        return y;
    }

    /// <summary>
    /// Every 3x3 conv widens the reach by one pixel of the grid it runs on: conv_first, 15 per block
    /// and conv_body on the unshuffled LR grid, conv_up1 at 2x, conv_up2, conv_hr and conv_last at 4x
    /// (about 350 LR pixels for RealESRGAN_x4plus). Tiles align to the unshuffle factor.
    /// </summary>
    internal override (int Radius, int Alignment)? KnownTiling =>
        ((int)Math.Ceiling(Unshuffle * (2 + 15 * _o.Blocks + 0.5 + 0.75)), Unshuffle);

    public override double FlopsPerOutputPixel
    {
        get
        {
            int w = _o.Width, g = _o.GrowthChannels;
            double lr = 1.0 / 16; // the body runs at a quarter of the output resolution on each axis
            double dense = 0;
            for (int i = 0; i < 5; i++) dense += ConvFlops(w + i * g, i == 4 ? w : g, 3, lr);
            return ConvFlops(Channels * Unshuffle * Unshuffle, w, 3, lr) + 3 * _o.Blocks * dense + ConvFlops(w, w, 3, lr)
                + ConvFlops(w, w, 3, 0.25) + 2 * ConvFlops(w, w, 3, 1) + ConvFlops(w, Channels, 3, 1);
        }
    }
}
