using SuperRes.Models;
using SuperRes.Tensors.Nn;

namespace SuperRes.Onnx.Export;

/// <summary><see cref="Edsr"/>: mean off, head, residual body with a global skip, sub-pixel upsampler, tail, mean back.</summary>
internal static class EdsrGraph
{
    public static string[] Emit(OnnxGraphBuilder g, Edsr model, string x)
    {
        var mean = g.Weight(model.Mean);
        var h = g.Conv(model.Child<Conv2d>("head"), g.Sub(x, mean));
        var body = ResidualBlockGraph.EmitAll(g, model.Child<Sequential>("body"), h);
        var features = g.Add(h, g.Conv(model.Child<Conv2d>("body_end"), body));
        var upsampler = model.Child<Sequential>("upsampler");
        for (int i = 0; i < upsampler.Count; i += 2)
            features = g.PixelShuffle(g.Conv((Conv2d)upsampler[i], features), ((PixelShuffle)upsampler[i + 1]).Factor);
        return [g.Add(g.Conv(model.Child<Conv2d>("tail"), features), mean)];
    }
}
