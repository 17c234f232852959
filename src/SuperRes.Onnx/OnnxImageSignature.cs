namespace SuperRes.Onnx;

/// <summary>
/// How to run an ONNX model as image-to-image super-resolution, read from its graph and
/// metadata: one float input [n, c, h, w] with c = 1 or 3 and dynamic h and w; float outputs
/// [n, c, H, W]; each output's scale from the <c>scales</c> metadata, else from static sizes,
/// else null (a probe run finds it); the value range from metadata, else [0, 1].
/// A graph that does not fit throws <see cref="OnnxFormatException"/> saying what it found.
/// </summary>
public sealed record OnnxImageSignature(string InputName, int Channels, IReadOnlyList<string> OutputNames, IReadOnlyList<int?> OutputScales, (float Low, float High) ValueRange)
{
    public static OnnxImageSignature From(OnnxModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        string Fail(string problem) => throw new OnnxFormatException(info.Source, problem);
        if (info.Inputs.Count != 1)
            Fail($"not an image-to-image model: it has {info.Inputs.Count} inputs ({string.Join(", ", info.Inputs.Select(i => $"'{i.Name}' {i.ShapeText}"))}), expected one [n, c, h, w] image");
        var input = info.Inputs[0];
        if (!input.IsFloat) Fail($"input '{input.Name}' is {input.ElementType}; expected float32 images");
        if (input.Shape.Count != 4) Fail($"input '{input.Name}' has shape {input.ShapeText}; expected an image [n, c, h, w]");
        if (input.Shape[1] < 0) Fail($"input '{input.Name}' {input.ShapeText} has a dynamic channel dimension; cannot tell 1 (Y) from 3 (RGB) channels");
        if (input.Shape[1] is not (1 or 3)) Fail($"input '{input.Name}' {input.ShapeText} has {input.Shape[1]} channels; expected 1 (Y) or 3 (RGB)");
        if (input.Shape[2] >= 0 || input.Shape[3] >= 0)
            Fail($"input '{input.Name}' has the fixed size {input.ShapeText}; only models with dynamic height and width can be tiled (export with dynamic axes)");
        int channels = (int)input.Shape[1];
        if (info.Outputs.Count == 0) Fail("the graph has no outputs");
        foreach (var o in info.Outputs)
        {
            if (!o.IsFloat) Fail($"output '{o.Name}' is {o.ElementType}; expected float32 images");
            if (o.Shape.Count != 4 && o.Shape.Count != 0) Fail($"output '{o.Name}' has shape {o.ShapeText}; expected an image [n, c, H, W]");
            if (o.Shape.Count == 4 && o.Shape[1] >= 0 && o.Shape[1] != channels)
                Fail($"output '{o.Name}' {o.ShapeText} has {o.Shape[1]} channels but the input has {channels}; not image-to-image");
        }
        var metadata = info.Metadata;
        if (metadata.Colour is { } colour && (colour == "Y") != (channels == 1))
            Fail($"metadata colour {colour} disagrees with the input's {channels} channel(s)");
        IReadOnlyList<int?> scales;
        if (metadata.Scales is { } listed)
        {
            if (listed.Count != info.Outputs.Count)
                Fail($"metadata scales lists {listed.Count} factor(s) for {info.Outputs.Count} output(s)");
            scales = listed.Select(s => (int?)s).ToArray();
        }
        else scales = info.Outputs.Select(_ => (int?)null).ToArray();
        return new OnnxImageSignature(input.Name, channels, info.Outputs.Select(o => o.Name).ToArray(), scales, metadata.ValueRange ?? (0f, 1f));
    }
}
