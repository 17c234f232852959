using SuperRes.Models;
using SuperRes.Tensors;

namespace SuperRes.Inference;

/// <summary>
/// A <see cref="SuperResolutionModel"/> run by our engine: under NoGrad on a tape that returns
/// every tensor to the pool; a pyramid network (LapSRN) runs only the levels the scale needs.
/// </summary>
public sealed class EngineNetwork : IInferenceNetwork
{
    public EngineNetwork(SuperResolutionModel model)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Scales = model is IMultiLevelModel multiLevel
            ? Enumerable.Range(1, multiLevel.LevelCount).Select(level => 1 << level).ToArray()
            : [model.Scale];
    }

    /// <summary>The network; its weights are not copied.</summary>
    public SuperResolutionModel Model { get; }

    public string Name => Model.Architecture;

    public int Channels => Model.Channels;

    public IReadOnlyList<int> Scales { get; }

    /// <summary>The architecture's own figure (LapSRN's), or null: the probe measures the pool.</summary>
    public double? BytesPerInputPixel(int scale) => Model.WorkingBytesPerInputPixel(scale);

    public (int Radius, int Alignment)? KnownTiling => Model.KnownTiling;

    public float[] Run(float[] input, int height, int width, int scale)
    {
        var output = new float[(long)Channels * height * width * scale * scale];
        RunInto(input, height, width, scale, output);
        return output;
    }

    /// <summary><see cref="Run"/> straight from the output tensor into <paramref name="output"/>.</summary>
    public void RunInto(float[] input, int height, int width, int scale, Span<float> output)
    {
        ArgumentNullException.ThrowIfNull(input);
        int level = Model is IMultiLevelModel ? System.Numerics.BitOperations.Log2((uint)scale) - 1 : -1;
        if (!Scales.Contains(scale)) throw new ArgumentException($"{Name} upscales by {string.Join(" or ", Scales)}, not {scale}.", nameof(scale));
        using var tape = new Tape();
        using var noGrad = Tape.NoGrad();
        Model.Eval();
        var x = Tensor.FromArray(input, 1, Channels, height, width);
        // A pyramid network serves every scale up to its own: take the level asked for.
        var y = level >= 0 ? ((IMultiLevelModel)Model).ForwardLevels(x, level + 1)[level] : Model.Forward(x);
        int expected = Channels * height * width * scale * scale;
        if (y.Length != expected)
            throw new InvalidOperationException($"{Name} returned {y.ShapeString} for a {height}x{width} input at x{scale}.");
        if (output.Length != expected) throw new ArgumentException($"The output holds {output.Length} values, not {expected}.", nameof(output));
        y.AsSpan().CopyTo(output);
    }
}
