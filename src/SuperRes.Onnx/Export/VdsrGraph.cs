using SuperRes.Models;
using SuperRes.Tensors.Nn;

namespace SuperRes.Onnx.Export;

/// <summary><see cref="Vdsr"/>: bicubic plus the residual the conv-ReLU body predicts from it.</summary>
internal static class VdsrGraph
{
    public static string[] Emit(OnnxGraphBuilder g, Vdsr model, string x)
    {
        var upscaled = g.Bicubic(x, model.Channels, model.Scale);
        return [g.Add(upscaled, g.Layers(model.Child<Sequential>("body"), upscaled))];
    }
}
