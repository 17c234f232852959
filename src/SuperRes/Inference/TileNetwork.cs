using System.Diagnostics;
using System.Numerics.Tensors;
using SuperRes.Evaluation;
using SuperRes.Processing;

namespace SuperRes.Inference;

/// <summary>
/// Runs a network on one (small) set of planes: [0, 255] planes become [c, h, w] in [0, 1], the
/// network (<see cref="IInferenceNetwork"/>: our engine or another runtime) runs once, and the
/// output comes back as planes. Optionally averages the 8 flips and rotations. A 3-channel model
/// given one gray plane sees it on all three and returns their mean.
/// </summary>
internal sealed class TileNetwork : ISuperResolver
{
    private readonly IInferenceNetwork _model;
    private readonly bool _ensemble;

    public TileNetwork(IInferenceNetwork model, int scale, bool ensemble)
    {
        _model = model;
        _ensemble = ensemble;
        Scale = scale;
    }

    public string Name => _model.Name;

    /// <summary>The network's own figure for its working memory per input pixel, if it has one.</summary>
    public double? BytesPerInputPixel => _model.BytesPerInputPixel(Scale);

    public int Scale { get; }

    public SuperResolverInput Input => _model.Channels == 1 ? SuperResolverInput.Luma : SuperResolverInput.Color;

    public Plane[] Upscale(IReadOnlyList<Plane> lowResolution, int scale) => Upscale(lowResolution, scale, buffers: null);

    /// <summary>
    /// <see cref="Upscale(IReadOnlyList{Plane}, int)"/> for a caller that is done with the planes before
    /// its next call: a one-plane network's input and output arrays come from <paramref name="buffers"/>
    /// and serve again while the tile size stays the same. A tile's output is some 11 MB of large-object
    /// garbage otherwise, and the collections it brings cost an upscale more than the copies.
    /// </summary>
    public Plane[] UpscaleReusingBuffers(IReadOnlyList<Plane> lowResolution, int scale, UpscaleBuffers buffers) =>
        Upscale(lowResolution, scale, buffers ?? throw new ArgumentNullException(nameof(buffers)));

    private Plane[] Upscale(IReadOnlyList<Plane> lowResolution, int scale, UpscaleBuffers? buffers)
    {
        ArgumentNullException.ThrowIfNull(lowResolution);
        if (scale != Scale) throw new ArgumentException($"This network runs at x{Scale}, not x{scale}.", nameof(scale));
        int c = _model.Channels;
        bool grayToColor = c == 3 && lowResolution.Count == 1;
        if (lowResolution.Count != c && !grayToColor)
            throw new ArgumentException($"{Name} takes {c} plane(s), got {lowResolution.Count}.", nameof(lowResolution));
        int w = lowResolution[0].Width, h = lowResolution[0].Height, area = w * h;
        bool reuse = buffers is not null && c == 1 && !_ensemble;
        var input = reuse ? buffers!.Input(area) : new float[c * area];
        for (int ch = 0; ch < c; ch++)
        {
            var src = lowResolution[grayToColor ? 0 : ch].Data;
            TensorPrimitives.Divide(src, 255f, input.AsSpan(ch * area, area));
        }
        int hrArea = area * scale * scale, outPlanes = grayToColor ? 1 : c;
        var output = reuse ? Forward(input, h, w, buffers!.Output(hrArea)) : Run(input, h, w);
        float factor = 255f / (c / outPlanes);
        if (c == 1)
        {
            // One plane: scale the output in place rather than copy it (tiles are large, and many).
            TensorPrimitives.Multiply(output, factor, output);
            return [new Plane(w * scale, h * scale, output)];
        }
        var planes = new Plane[outPlanes];
        for (int p = 0; p < outPlanes; p++)
        {
            var data = new float[hrArea];
            for (int ch = p; ch < c; ch += outPlanes)
                for (int i = 0; i < hrArea; i++) data[i] += output[ch * hrArea + i] * factor;
            planes[p] = new Plane(w * scale, h * scale, data);
        }
        return planes;
    }

    /// <summary>[c, h, w] in [0, 1] to [c, h * scale, w * scale], ensemble-averaged if asked.</summary>
    public float[] Run(float[] input, int height, int width)
    {
        if (!_ensemble) return Forward(input, height, width);
        int c = _model.Channels;
        float[]? sum = null;
        for (int t = 0; t < DihedralTransform.Count; t++)
        {
            var (x, h, w) = DihedralTransform.Apply(input, c, height, width, t);
            var (y, _, _) = DihedralTransform.Invert(Forward(x, h, w), c, h * Scale, w * Scale, t);
            if (sum is null) sum = y;
            else for (int i = 0; i < sum.Length; i++) sum[i] += y[i];
        }
        for (int i = 0; i < sum!.Length; i++) sum[i] /= DihedralTransform.Count;
        return sum;
    }

    /// <summary>Time spent inside the network's forward passes so far (conversions, tiling and codecs excluded).</summary>
    public TimeSpan NetworkTime { get; private set; }

    /// <summary>One forward pass, into <paramref name="into"/> when given (<see cref="IInferenceNetwork.RunInto"/>).</summary>
    private float[] Forward(float[] input, int height, int width, float[]? into = null)
    {
        long start = Stopwatch.GetTimestamp();
        float[] output;
        if (into is null) output = _model.Run(input, height, width, Scale);
        else _model.RunInto(input, height, width, Scale, output = into);
        NetworkTime += Stopwatch.GetElapsedTime(start);
        return output;
    }
}
