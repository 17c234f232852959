using SuperRes.Models;
using SuperRes.Tensors.Nn;

namespace SuperRes.Onnx.Export;

/// <summary><see cref="Fsrcnn"/>: the conv-PReLU body on the LR image, then the strided transposed conv.</summary>
internal static class FsrcnnGraph
{
    public static string[] Emit(OnnxGraphBuilder g, Fsrcnn model, string x) =>
        [g.ConvTranspose(model.Child<ConvTranspose2d>("deconv"), g.Layers(model.Child<Sequential>("body"), x))];
}
