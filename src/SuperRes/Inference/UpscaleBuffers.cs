using SuperRes.Imaging;
using SuperRes.Processing;

namespace SuperRes.Inference;

/// <summary>
/// The large arrays an upscale uses tile after tile and image after image: a one-plane network's
/// input and output, a tile's Y, Cb and Cr planes, and the output bands. Made new for every tile they
/// were the upscale's large-object garbage (some 15 MB a tile of a photo, 19 MB a band), and the
/// collections that came with it stopped every thread. One upscale uses them at a time: the
/// <see cref="Upscaler"/> hands them to the call that takes them first, and a call made meanwhile
/// on another thread gets its own.
/// </summary>
internal sealed class UpscaleBuffers
{
    /// <summary>Bands kept: those of the full-height rows of tiles and of the last, lower one.</summary>
    private const int MaxBands = 2;

    private readonly List<Image> _bands = [];
    private float[]? _input, _output;
    private Plane[]? _ycbcr;

    /// <summary>A network input of exactly <paramref name="length"/> values (planes and tensors take arrays of their size).</summary>
    public float[] Input(int length) => Exactly(ref _input, length);

    /// <summary>A network output of exactly <paramref name="length"/> values.</summary>
    public float[] Output(int length) => Exactly(ref _output, length);

    /// <summary>Three planes of <paramref name="width"/> x <paramref name="height"/> for a tile's Y, Cb and Cr.</summary>
    public Plane[] TileYCbCr(int width, int height)
    {
        if (_ycbcr is null || _ycbcr[0].Width != width || _ycbcr[0].Height != height)
            _ycbcr = [new Plane(width, height), new Plane(width, height), new Plane(width, height)];
        return _ycbcr;
    }

    /// <summary>
    /// An output band of the given size: one kept from an earlier band or upscale (the tiles' cores cover
    /// all of it, so nothing of its earlier content is left), or a new one, kept in turn.
    /// </summary>
    public Image Band(int width, int height, int channels, int bitDepth)
    {
        int index = _bands.FindIndex(b => (b.Width, b.Height, b.Channels, b.BitDepth) == (width, height, channels, bitDepth));
        if (index >= 0) return _bands[index];
        var band = new Image(width, height, channels, bitDepth);
        if (_bands.Count == MaxBands) _bands.RemoveAt(0);
        _bands.Add(band);
        return band;
    }

    private static float[] Exactly(ref float[]? buffer, int length)
    {
        if (buffer?.Length != length) buffer = new float[length];
        return buffer;
    }
}
