using SuperRes.Models;
using SuperRes.Tensors.Nn;

namespace SuperRes.Onnx.Export;

/// <summary><see cref="ResidualBlock"/>: x + scale * conv(ReLU(conv(x))); and a Sequential of them.</summary>
internal static class ResidualBlockGraph
{
    public static string Emit(OnnxGraphBuilder g, ResidualBlock block, string x)
    {
        var r = g.Conv(block.Conv2, g.Relu(g.Conv(block.Conv1, x)));
        if (block.ResidualScale != 1f) r = g.MulScalar(r, block.ResidualScale);
        return g.Add(x, r);
    }

    public static string EmitAll(OnnxGraphBuilder g, Sequential blocks, string x)
    {
        for (int i = 0; i < blocks.Count; i++) x = Emit(g, (ResidualBlock)blocks[i], x);
        return x;
    }
}
