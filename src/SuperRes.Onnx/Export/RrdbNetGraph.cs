using SuperRes.Models;
using SuperRes.Tensors.Nn;

namespace SuperRes.Onnx.Export;

/// <summary>
/// <see cref="RrdbNet"/>: pixel unshuffle (scales 1 and 2), head conv, the residual-in-residual
/// dense blocks with their 0.2 scalings, body conv and global skip, two nearest x2 upsamplings
/// each with a conv and LeakyReLU(0.2), then conv_hr, LeakyReLU and conv_last.
/// </summary>
internal static class RrdbNetGraph
{
    private const float Slope = 0.2f, ResidualScale = 0.2f;

    public static string[] Emit(OnnxGraphBuilder g, RrdbNet model, string x)
    {
        if (model.Unshuffle > 1) x = g.PixelUnshuffle(x, model.Channels, model.Unshuffle);
        var first = g.Conv(model.Child<Conv2d>("conv_first"), x);
        var body = first;
        var blocks = model.Child<Sequential>("body");
        for (int i = 0; i < blocks.Count; i++) body = Rrdb(g, blocks[i], body);
        var feat = g.Add(first, g.Conv(model.Child<Conv2d>("conv_body"), body));
        feat = g.LeakyRelu(g.Conv(model.Child<Conv2d>("conv_up1"), g.UpsampleNearest(feat, 2)), Slope);
        feat = g.LeakyRelu(g.Conv(model.Child<Conv2d>("conv_up2"), g.UpsampleNearest(feat, 2)), Slope);
        feat = g.LeakyRelu(g.Conv(model.Child<Conv2d>("conv_hr"), feat), Slope);
        return [g.Conv(model.Child<Conv2d>("conv_last"), feat)];
    }

    private static string Rrdb(OnnxGraphBuilder g, Module block, string x)
    {
        var y = x;
        foreach (var name in new[] { "rdb1", "rdb2", "rdb3" }) y = DenseBlock(g, block.Child<Module>(name), y);
        return g.Add(g.MulScalar(y, ResidualScale), x);
    }

    private static string DenseBlock(OnnxGraphBuilder g, Module block, string x)
    {
        var features = new List<string> { x };
        for (int i = 1; i <= 4; i++)
            features.Add(g.LeakyRelu(g.Conv(block.Child<Conv2d>($"conv{i}"), g.Concat(1, [.. features])), Slope));
        var last = g.Conv(block.Child<Conv2d>("conv5"), g.Concat(1, [.. features]));
        return g.Add(g.MulScalar(last, ResidualScale), x);
    }
}
