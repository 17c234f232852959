using SuperRes.Evaluation;
using SuperRes.Processing;
using SuperRes.Tensors;

namespace SuperRes.Models;

/// <summary>
/// Runs a <see cref="SuperResolutionModel"/> as an <see cref="ISuperResolver"/>: planes in [0, 255]
/// become one [1, c, h, w] batch in [0, 1], the network runs without recording a graph, and the
/// output is scaled back (unrounded, unclipped: the protocol does that).
/// </summary>
public sealed class ModelSuperResolver(SuperResolutionModel model, string? name = null) : ISuperResolver
{
    public SuperResolutionModel Model { get; } = model ?? throw new ArgumentNullException(nameof(model));

    public string Name { get; } = name ?? model.Architecture;

    public SuperResolverInput Input => Model.Channels == 1 ? SuperResolverInput.Luma : SuperResolverInput.Color;

    public Plane[] Upscale(IReadOnlyList<Plane> lowResolution, int scale)
    {
        ArgumentNullException.ThrowIfNull(lowResolution);
        if (scale != Model.Scale) throw new ArgumentException($"{Name} upscales by {Model.Scale}, not {scale}.", nameof(scale));
        if (lowResolution.Count != Model.Channels)
            throw new ArgumentException($"{Name} takes {Model.Channels} plane(s), got {lowResolution.Count}.", nameof(lowResolution));
        int w = lowResolution[0].Width, h = lowResolution[0].Height, area = w * h;
        var input = new float[Model.Channels * area];
        for (int c = 0; c < Model.Channels; c++)
            for (int i = 0; i < area; i++) input[c * area + i] = lowResolution[c].Data[i] / 255f;

        using var tape = new Tape();
        using var noGrad = Tape.NoGrad();
        Model.Eval();
        var output = Model.Forward(Tensor.FromArray(input, 1, Model.Channels, h, w)).AsSpan();
        int hrArea = area * scale * scale;
        var planes = new Plane[Model.Channels];
        for (int c = 0; c < Model.Channels; c++)
        {
            var data = new float[hrArea];
            for (int i = 0; i < hrArea; i++) data[i] = output[c * hrArea + i] * 255f;
            planes[c] = new Plane(w * scale, h * scale, data);
        }
        return planes;
    }
}
