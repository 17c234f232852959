using SuperRes.Models;
using SuperRes.Tensors.Nn;

namespace SuperRes.Onnx.Export;

/// <summary><see cref="SrVggNetCompact"/>: the conv/activation body at low resolution, a pixel shuffle, plus the nearest-upsampled input.</summary>
internal static class SrVggNetCompactGraph
{
    public static string[] Emit(OnnxGraphBuilder g, SrVggNetCompact model, string x)
    {
        var residual = g.PixelShuffle(g.Layers(model.Child<Sequential>("body"), x), model.Scale);
        return [g.Add(residual, g.UpsampleNearest(x, model.Scale))];
    }
}
