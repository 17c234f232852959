using SuperRes.Tensors;
using SuperRes.Tensors.Nn;

namespace SuperRes.Models;

/// <summary>
/// One x2 level of <see cref="LapSrn"/>: the feature branch (Depth 3x3 convs, a transposed 3x3
/// conv of stride 2 cropped [0 1 0 1], the residual conv) and the image branch (a transposed 4x4
/// conv of stride 2 cropped [1 1 1 1], no bias). Output image = upscaled image + residual.
/// </summary>
public sealed class LapSrnLevel : Module
{
    private readonly Sequential _convs;
    private readonly ConvTranspose2d _upconv;
    private readonly Conv2d _residual;
    private readonly ConvTranspose2d _imageUp;
    private readonly float _slope;

    internal LapSrnLevel(LapSrnOptions o, Rng rng)
    {
        _slope = o.LeakySlope;
        _convs = RegisterModule("convs", new Sequential());
        for (int i = 0; i < o.Depth; i++) _convs.Add(new Conv2d(o.Width, o.Width, 3, rng, padding: 1));
        _upconv = RegisterModule("upconv", new ConvTranspose2d(o.Width, o.Width, 3, rng, stride: 2));
        _residual = RegisterModule("residual", new Conv2d(o.Width, o.Channels, 3, rng, padding: 1));
        _imageUp = RegisterModule("image_up", new ConvTranspose2d(o.Channels, o.Channels, 4, rng, stride: 2, padding: 1, bias: false));
        // Bilinear initialisation of the image branch, as the paper trains it.
        Init.Bilinear(_imageUp.Weight);
    }

    internal Sequential Convs => _convs;
    internal ConvTranspose2d UpConv => _upconv;
    internal Conv2d Residual => _residual;
    internal ConvTranspose2d ImageUp => _imageUp;

    /// <summary>Not used alone: a level needs both features and image; call <see cref="Forward(Tensor, Tensor)"/>.</summary>
    public override Tensor Forward(Tensor x) =>
        throw new NotSupportedException("A LapSRN level takes features and an image: use Forward(features, image).");

    /// <summary>Returns the features and the image at twice the resolution.</summary>
    public (Tensor Features, Tensor Image) Forward(Tensor features, Tensor image) => Forward(features, image, releaseInput: false);

    /// <summary>
    /// <see cref="Forward(Tensor, Tensor)"/>; without gradients and with <paramref name="releaseInput"/>,
    /// the input features go back to the pool as soon as the first conv has read them (the caller
    /// hands them over), so the level holds two feature maps at its input resolution, not three.
    /// </summary>
    internal (Tensor Features, Tensor Image) Forward(Tensor features, Tensor image, bool releaseInput)
    {
        var level = ForwardParts(features, image, releaseInput);
        if (!Tape.IsGradEnabled) level.Upscaled.Dispose();
        return (level.Features, level.Image);
    }

    /// <summary>
    /// The level's features, its image branch's upscaled image and its output image (upscaled +
    /// residual): the one forward pass that both inference and FGDL's heads use. Without gradients,
    /// intermediate tensors go back to the pool as soon as they are used, so a pass holds a few
    /// feature maps at a time, not all of them.
    /// </summary>
    public (Tensor Features, Tensor Upscaled, Tensor Image) ForwardParts(Tensor features, Tensor image) =>
        ForwardParts(features, image, releaseInput: false);

    private (Tensor Features, Tensor Upscaled, Tensor Image) ForwardParts(Tensor features, Tensor image, bool releaseInput)
    {
        if (Tape.IsGradEnabled)
        {
            var (f, upscaled) = ForwardTrunk(features, image, releaseInput);
            return (f, upscaled, Ops.Add(upscaled, _residual.Forward(f)));
        }
        // Inference: the image as ForwardImage computes it, so that a level's image is the same
        // whether or not later levels run, and the features at twice the resolution, for the next
        // level, stored by the same pass.
        var (output, up, imageUp) = InferenceTail(features, image, releaseInput, keepFeatures: true);
        return (up!, imageUp, output);
    }

    /// <summary>
    /// The level without its residual conv: the features at twice the resolution and the image
    /// branch's upscaled image (the faithful FGDL reading puts its own 3x3 conv in the residual's place).
    /// </summary>
    public (Tensor Features, Tensor Upscaled) ForwardTrunk(Tensor features, Tensor image) => ForwardTrunk(features, image, releaseInput: false);

    private (Tensor Features, Tensor Upscaled) ForwardTrunk(Tensor features, Tensor image, bool releaseInput)
    {
        var f = ConvStack(features, releaseInput);
        var up = TransposedConv(f);
        if (Releases(f, features, releaseInput)) f.Dispose();
        return (up, _imageUp.Forward(image));
    }

    /// <summary>Whether a used tensor goes back to the pool: without gradients, when the level made it or was handed it.</summary>
    private static bool Releases(Tensor used, Tensor input, bool releaseInput) =>
        !Tape.IsGradEnabled && (releaseInput || !ReferenceEquals(used, input));

    /// <summary>
    /// The level's output image alone, for inference (the last level of a pass): the convs run on the
    /// whole input, then the transposed conv, the residual conv and the sum with the upscaled image
    /// run a few output rows at a time (<see cref="Ops.UpsampleConvAdd(Tensor, Tensor, Tensor?, float, Tensor, Tensor?, Tensor)"/>), so the features at twice
    /// the resolution, the largest tensor of the network, are never stored nor their pages touched.
    /// Equals the image of <see cref="ForwardParts(Tensor, Tensor)"/> within float rounding.
    /// </summary>
    public Tensor ForwardImage(Tensor features, Tensor image) => ForwardImage(features, image, releaseInput: false);

    /// <summary><see cref="ForwardImage(Tensor, Tensor)"/>, releasing the input features as soon as they are read when <paramref name="releaseInput"/>.</summary>
    internal Tensor ForwardImage(Tensor features, Tensor image, bool releaseInput)
    {
        if (Tape.IsGradEnabled) throw new InvalidOperationException("ForwardImage is for inference: run it under Tape.NoGrad().");
        var (output, _, imageUp) = InferenceTail(features, image, releaseInput, keepFeatures: false);
        imageUp.Dispose();
        return output;
    }

    /// <summary>
    /// Without gradients: the convs, then the transposed conv, residual conv and sum in one pass
    /// (<see cref="Ops.UpsampleConvAddWithFeatures"/>); the upsampled features are stored only when
    /// <paramref name="keepFeatures"/>.
    /// </summary>
    private (Tensor Image, Tensor? Features, Tensor Upscaled) InferenceTail(Tensor features, Tensor image, bool releaseInput, bool keepFeatures)
    {
        var f = ConvStack(features, releaseInput);
        var imageUp = _imageUp.Forward(image);
        var (output, up) = keepFeatures
            ? Ops.UpsampleConvAddWithFeatures(f, _upconv.Weight, _upconv.Bias, _slope, _residual.Weight, _residual.Bias, imageUp)
            : (Ops.UpsampleConvAdd(f, _upconv.Weight, _upconv.Bias, _slope, _residual.Weight, _residual.Bias, imageUp), null);
        if (Releases(f, features, releaseInput)) f.Dispose();
        return (output, up, imageUp);
    }

    /// <summary>The level's 3x3 convs with leaky ReLU, at its input resolution.</summary>
    private Tensor ConvStack(Tensor features, bool releaseInput)
    {
        var f = features;
        for (int i = 0; i < _convs.Count; i++)
        {
            var conv = (Conv2d)_convs[i];
            var next = conv.Stride == 1
                ? Ops.Conv2dLeakyRelu(f, conv.Weight, conv.Bias, conv.Padding, _slope)
                : Ops.LeakyRelu(conv.Forward(f), _slope);
            if (Releases(f, features, releaseInput)) f.Dispose();
            f = next;
        }
        return f;
    }

    /// <summary>The transposed conv with leaky ReLU; MatConvNet crop [0 1 0 1]: the full (2h+1) output loses its last row and column.</summary>
    private Tensor TransposedConv(Tensor f) =>
        Ops.ConvTranspose2dLeakyRelu(f, _upconv.Weight, _upconv.Bias, _upconv.Stride, new Padding2d(0, 0, 1, 1), _slope);
}
