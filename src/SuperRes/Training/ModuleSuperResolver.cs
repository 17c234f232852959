using SuperRes.Evaluation;
using SuperRes.Processing;
using SuperRes.Tensors;
using SuperRes.Tensors.Nn;

namespace SuperRes.Training;

/// <summary>
/// Runs a network (LR in [0, 1] to SR) as an <see cref="ISuperResolver"/> so the benchmark protocol
/// can validate it: planes are divided by 255, one image at a time, with no graph recorded.
/// </summary>
public sealed class ModuleSuperResolver(Module model, string name, int channels, int scale) : ISuperResolver
{
    public string Name { get; } = name;

    public SuperResolverInput Input => channels == 1 ? SuperResolverInput.Luma : SuperResolverInput.Color;

    public Plane[] Upscale(IReadOnlyList<Plane> lowResolution, int requestedScale)
    {
        if (requestedScale != scale) throw new ArgumentException($"{Name} upscales by {scale}, not {requestedScale}.");
        if (lowResolution.Count != channels) throw new ArgumentException($"{Name} takes {channels} planes, got {lowResolution.Count}.");
        int w = lowResolution[0].Width, h = lowResolution[0].Height, area = w * h;
        var data = new float[channels * area];
        for (var c = 0; c < channels; c++)
            for (var i = 0; i < area; i++) data[c * area + i] = lowResolution[c].Data[i] / 255f;
        using var tape = new Tape();
        using var noGrad = Tape.NoGrad();
        var output = model.Forward(Tensor.FromArray(data, 1, channels, h, w));
        int ow = output.Size(3), oh = output.Size(2);
        var values = output.AsSpan();
        var planes = new Plane[channels];
        for (var c = 0; c < channels; c++)
        {
            planes[c] = new Plane(ow, oh);
            for (var i = 0; i < ow * oh; i++) planes[c].Data[i] = values[c * ow * oh + i] * 255f;
        }
        return planes;
    }
}
