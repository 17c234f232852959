namespace SuperRes.Inference;

/// <summary>
/// A network the <see cref="Upscaler"/> runs tile by tile, whatever executes it: our engine
/// (<see cref="EngineNetwork"/>) or another runtime (ONNX Runtime, in SuperRes.OnnxRuntime). The
/// tiler, the probe and the protocol see only this.
/// </summary>
public interface IInferenceNetwork
{
    /// <summary>What to call it in messages (the architecture, or the file).</summary>
    string Name { get; }

    /// <summary>1 (the Y plane) or 3 (RGB).</summary>
    int Channels { get; }

    /// <summary>The factors it upscales by, ascending; the last is its own (a pyramid network serves every level).</summary>
    IReadOnlyList<int> Scales { get; }

    /// <summary>
    /// Bytes of working memory per input pixel of a forward pass at <paramref name="scale"/>, when
    /// the network knows it; null lets the probe measure the engine's tensor pool.
    /// </summary>
    double? BytesPerInputPixel(int scale);

    /// <summary>
    /// The receptive-field radius (input pixels) and tile alignment when the architecture declares
    /// them (RRDBNet); null lets the <see cref="Upscaler"/> probe them with forward passes on growing
    /// inputs, which for a deep network with a wide reach costs minutes.
    /// </summary>
    (int Radius, int Alignment)? KnownTiling => null;

    /// <summary>One forward pass: [channels, height, width] in [0, 1] to [channels, height * scale, width * scale].</summary>
    float[] Run(float[] input, int height, int width, int scale);

    /// <summary>
    /// <see cref="Run"/> into <paramref name="output"/> (exactly channels * height * width * scale^2
    /// values): for callers that keep one buffer for tile after tile rather than make large garbage
    /// for each. By default a copy of <see cref="Run"/>'s result.
    /// </summary>
    void RunInto(float[] input, int height, int width, int scale, Span<float> output)
    {
        var result = Run(input, height, width, scale);
        if (result.Length != output.Length) throw new ArgumentException($"The output holds {output.Length} values, the pass made {result.Length}.", nameof(output));
        result.CopyTo(output);
    }
}
