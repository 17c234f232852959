using SuperRes.Tensors;

namespace SuperRes.Models.Fgdl;

/// <summary>The readout of an FGDL level: an image inside the dynamic anchor areas of its logits (docs/FGDL.md).</summary>
public static class FgdlAnchorReadout
{
    /// <summary>
    /// sr = lo + sigmoid(t)(hi - lo) with the anchor areas of <paramref name="logits"/> (widened to
    /// <paramref name="target"/> when given). Gradient flows to t only. With
    /// <see cref="FgdlOptions.AnchoredReadout"/>, sr = lo + sigmoid(t + logit(u))(hi - lo) with
    /// u = (v - lo)/(hi - lo) clamped to [1e-3, 1 - 1e-3], v = <paramref name="output"/>; gradient
    /// flows to t and v.
    /// </summary>
    public static (Tensor Image, AnchorAreas Areas) Reconstruct(Tensor logits, Tensor t, FgdlOptions options, Tensor? target, Tensor? output = null)
    {
        if (t.Rank != 4) throw new ArgumentException($"fgdl: expected an NCHW tensor, got {t.ShapeString}.");
        int n = t.Size(0), c = t.Size(1), h = t.Size(2), w = t.Size(3);
        if (logits.Rank != 4 || logits.Size(0) != n || logits.Size(1) != c * options.Bins || logits.Size(2) != h || logits.Size(3) != w)
            throw new ArgumentException($"fgdl: logits {logits.ShapeString} do not match t {t.ShapeString} with {options.Bins} bins.");
        var areas = AnchorAreas.Compute(logits.AsSpan(), n * c, h * w, options, target is null ? default : target.AsSpan());
        Tensor lo, width;
        using (Tape.NoGrad())
        {
            lo = Tensor.FromArray(areas.Lo, n, c, h, w);
            var span = new float[areas.Lo.Length];
            for (var i = 0; i < span.Length; i++) span[i] = areas.Hi[i] - areas.Lo[i];
            width = Tensor.FromArray(span, n, c, h, w);
        }
        var z = t;
        if (options.AnchoredReadout)
        {
            if (output is null) throw new ArgumentException("fgdl: the anchored readout needs the network's own output.");
            if (!output.Shape.SequenceEqual(t.Shape)) throw new ArgumentException($"fgdl: output {output.ShapeString} and t {t.ShapeString} differ in shape.");
            const float margin = 1e-3f;
            var u = Ops.Clamp(Ops.Div(Ops.Sub(output, lo), width), margin, 1 - margin);
            z = Ops.Add(t, Ops.Sub(Ops.Log(u), Ops.Log(Ops.RSubScalar(1f, u))));
        }
        return (Ops.Add(lo, Ops.Mul(Ops.Sigmoid(z), width)), areas);
    }
}
