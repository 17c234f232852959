using SuperRes.Models;
using SuperRes.Tensors.Nn;

namespace SuperRes.Onnx.Export;

/// <summary><see cref="Srcnn"/>: bicubic, then conv-ReLU, conv-ReLU, conv.</summary>
internal static class SrcnnGraph
{
    public static string[] Emit(OnnxGraphBuilder g, Srcnn model, string x)
    {
        var y = g.Bicubic(x, model.Channels, model.Scale);
        y = g.Relu(g.Conv(model.Child<Conv2d>("extract"), y));
        y = g.Relu(g.Conv(model.Child<Conv2d>("map"), y));
        return [g.Conv(model.Child<Conv2d>("reconstruct"), y)];
    }
}
