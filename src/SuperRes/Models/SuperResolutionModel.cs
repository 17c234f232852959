using SuperRes.Tensors;
using SuperRes.Tensors.Nn;

namespace SuperRes.Models;

/// <summary>
/// A super-resolution network: <see cref="Module.Forward"/> maps a low-resolution batch
/// [n, channels, h, w] with values in [0, 1] to [n, channels, h*scale, w*scale].
/// </summary>
public abstract class SuperResolutionModel : Module
{
    private protected SuperResolutionModel(ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The catalogue name of the architecture (see <see cref="KnownModels"/>).</summary>
    public abstract string Architecture { get; }

    /// <summary>The settings this network was built with.</summary>
    public ModelOptions Options { get; }

    public int Scale => Options.Scale;
    public int Channels => Options.Channels;

    /// <summary>Floating-point operations (a multiply-add counts two) of one forward pass per output pixel.</summary>
    public abstract double FlopsPerOutputPixel { get; }

    /// <summary>
    /// The receptive-field radius (LR pixels) and tile alignment when the architecture knows them,
    /// so that tiling need not measure them; null (the default) lets the tiler probe the network.
    /// </summary>
    internal virtual (int Radius, int Alignment)? KnownTiling => null;

    /// <summary>
    /// Bytes of tensor memory per input pixel that an inference pass at <paramref name="scale"/>
    /// takes from our engine's pool, when the architecture can tell without running (an upper
    /// bound, checked against <see cref="Inference.ModelProbe"/> in the tests); null (the default)
    /// lets the tiler measure it with a probe pass, which costs tens of milliseconds per upscaler.
    /// </summary>
    internal virtual double? WorkingBytesPerInputPixel(int scale) => null;

    /// <summary>Forward cost in GFLOPs per output megapixel.</summary>
    public double GflopsPerOutputMegapixel => FlopsPerOutputPixel * 1e6 / 1e9;

    /// <summary>FLOPs per output pixel of a k x k conv evaluated on a grid with <paramref name="pixelRatio"/> pixels per output pixel.</summary>
    private protected static double ConvFlops(int inChannels, int outChannels, int kernel, double pixelRatio) =>
        2.0 * inChannels * outChannels * kernel * kernel * pixelRatio;
}
