using SuperRes.Models;
using SuperRes.Tensors.Nn;

namespace SuperRes.Onnx.Export;

/// <summary>
/// <see cref="SpanNet"/>: input normalisation, the folded Conv3XC head, six attention blocks
/// (SiLU between their convs, sigmoid(out3) - 0.5 times out3 + x), conv_2, the 1x1 conv over
/// [head, block 6, block 1, block 6's first conv], and the pixel-shuffle upsampler.
/// </summary>
internal static class SpanGraph
{
    public static string[] Emit(OnnxGraphBuilder g, SpanNet model, string x)
    {
        if (((SpanOptions)model.Options).Normalize)
            x = g.MulScalar(g.Sub(x, g.Constant(SpanNet.RgbMean, 1, model.Channels, 1, 1)), 255f);
        var head = Conv3Xc(g, model.Child<Module>("conv_1"), x);
        var (b1, _) = Block(g, model.Child<Module>("block_1"), head);
        var b = b1;
        for (int i = 2; i <= 5; i++) b = Block(g, model.Child<Module>($"block_{i}"), b).Output;
        var (b6, b6First) = Block(g, model.Child<Module>("block_6"), b);
        b6 = Conv3Xc(g, model.Child<Module>("conv_2"), b6);
        var cat = g.Conv(model.Child<Conv2d>("conv_cat"), g.Concat(1, head, b6, b1, b6First));
        var upsampler = model.Child<Sequential>("upsampler");
        return [g.PixelShuffle(g.Conv((Conv2d)upsampler[0], cat), model.Scale)];
    }

    private static (string Output, string First) Block(OnnxGraphBuilder g, Module block, string x)
    {
        var out1 = Conv3Xc(g, block.Child<Module>("c1_r"), x);
        var out2 = Conv3Xc(g, block.Child<Module>("c2_r"), g.Silu(out1));
        var out3 = Conv3Xc(g, block.Child<Module>("c3_r"), g.Silu(out2));
        var attention = g.AddScalar(g.Sigmoid(out3), -0.5f);
        return (g.Mul(g.Add(out3, x), attention), out1);
    }

    /// <summary>A Conv3XC, held folded into one 3x3 conv (<c>eval_conv</c>).</summary>
    private static string Conv3Xc(OnnxGraphBuilder g, Module conv, string x) => g.Conv(conv.Child<Conv2d>("eval_conv"), x);
}
