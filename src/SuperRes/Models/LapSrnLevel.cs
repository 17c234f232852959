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
        var (f, upscaled) = ForwardTrunk(features, image, releaseInput);
        var residual = _residual.Forward(f);
        var output = Ops.Add(upscaled, residual);
        if (!Tape.IsGradEnabled) residual.Dispose();
        return (f, upscaled, output);
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
    /// <see cref="ForwardImage(Tensor, Tensor)"/> cuts its input rows into at least this many bands, of at least
    /// <see cref="MinBandRows"/> rows, and into more (up to <see cref="MaxBands"/>) until a band's
    /// features at twice the resolution take no more than one of the level's feature maps: the pool
    /// then serves them from a map the convs have freed (<see cref="TensorPool"/>) instead of memory
    /// touched for the first time. The built-in model on comic.png runs in 5 bands, each recomputing 8 rows.
    /// </summary>
    private const int Bands = 4;

    /// <inheritdoc cref="Bands"/>
    private const int MaxBands = 8;

    /// <inheritdoc cref="Bands"/>
    private const int MinBandRows = 32;

    /// <summary>Per-thread band count and least band rows in place of the defaults, so tests can force small bands.</summary>
    [ThreadStatic] internal static (int Bands, int MinRows)? BandsOverride;

    /// <summary>
    /// The level's output image alone, for inference (the last level of a pass). The convs run on the
    /// whole input; the transposed conv and the residual conv then run on bands of rows, so the
    /// features at twice the resolution, the largest tensor of the network, never exist whole, nor
    /// are their pages first touched: a cold pass saves most of its page faults. The image is bit for
    /// bit that of <see cref="ForwardParts(Tensor, Tensor)"/>: each band's input starts at a multiple of 4 rows, at
    /// least 4 above the rows it keeps, and ends at least 4 below them or at the last row, so every
    /// Winograd tile that reaches the kept rows sits where the whole pass puts it and reads what it
    /// reads. Every band's input has the same number of rows, so the pool keeps one set of band tensors.
    /// </summary>
    public Tensor ForwardImage(Tensor features, Tensor image) => ForwardImage(features, image, releaseInput: false);

    /// <summary><see cref="ForwardImage(Tensor, Tensor)"/>, releasing the input features as soon as they are read when <paramref name="releaseInput"/>.</summary>
    internal Tensor ForwardImage(Tensor features, Tensor image, bool releaseInput)
    {
        if (Tape.IsGradEnabled) throw new InvalidOperationException("ForwardImage is for inference: run it under Tape.NoGrad().");
        int height = features.Shape[2]; // the level's convs keep the size
        var (_, keep, span) = PlanBands(height);
        if (span + 4 >= height)
        {
            var (up, upscaled, whole) = ForwardParts(features, image, releaseInput);
            up.Dispose();
            upscaled.Dispose();
            return whole;
        }

        var f = ConvStack(features, releaseInput);
        var imageUp = _imageUp.Forward(image);
        var output = Tensor.Empty(imageUp.Shape.ToArray()); // every row is written below
        int planes = output.Shape[0] * output.Shape[1], outHeight = output.Shape[2], outWidth = output.Shape[3];
        int rows = (int)keep, length = (int)span;
        for (int start = 0; start < height;)
        {
            // The last band ends at the last row; the others start 4 rows above what they keep (the first at 0).
            bool lastBand = height - start <= length - 4;
            int first = lastBand ? height - length : Math.Max(0, start - 4);
            int end = lastBand ? height : start + rows;
            using var band = Ops.Slice(f, 2, first, length);
            using var up = TransposedConv(band);
            using var residual = _residual.Forward(up);
            // Output rows 2 start .. 2 end - 1: residual row r - 2 first of the band, plus the upscaled image.
            Span<float> sum = output.AsSpan(), source = residual.AsSpan(), upscaled = imageUp.AsSpan();
            int bandHeight = residual.Shape[2];
            for (int c = 0; c < planes; c++) // every image of the batch, every channel
                for (int r = 2 * start; r < 2 * end; r++)
                {
                    int at = (c * outHeight + r) * outWidth, from = (c * bandHeight + r - 2 * first) * outWidth;
                    for (int x = 0; x < outWidth; x++) sum[at + x] = upscaled[at + x] + source[from + x];
                }
            start = end;
        }
        if (Releases(f, features, releaseInput)) f.Dispose();
        imageUp.Dispose();
        return output;
    }

    /// <summary>
    /// The bands of <see cref="ForwardImage(Tensor, Tensor)"/> for a level input of <paramref name="height"/>
    /// rows: how many, the rows each keeps (a multiple of 4) and the rows each reads (the kept rows
    /// plus 8, and as many as the height modulo 4, so that the last band, which ends at the last row,
    /// also starts at a multiple of 4). Reading all but 4 rows or more means one whole pass.
    /// </summary>
    internal static (int Bands, long Keep, long Span) PlanBands(int height)
    {
        var (bands, minRows) = BandsOverride ?? (Bands, MinBandRows);
        var (keep, span) = BandRows(height, bands, minRows);
        // A band's upscaled features (4 span rows of half the width) within one feature map (height rows).
        while (BandsOverride is null && 4 * span > height && bands < MaxBands && keep > minRows)
            (keep, span) = BandRows(height, ++bands, minRows);
        return (bands, keep, span);
    }

    private static (long Keep, long Span) BandRows(int height, int bands, int minRows)
    {
        long keep = (Math.Max(minRows, (height - 1) / bands + 1) + 3L) / 4 * 4;
        return (keep, keep + 8 + ((height - keep - 8) % 4 + 4) % 4);
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
