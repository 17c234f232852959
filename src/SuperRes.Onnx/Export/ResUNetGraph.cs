using SuperRes.Models;
using SuperRes.Tensors.Nn;

namespace SuperRes.Onnx.Export;

/// <summary>
/// <see cref="ResUNet"/>: bicubic, encoder levels with strided downscaling, decoder levels with skips,
/// plus bicubic; and <see cref="ResUNetLr"/>: the same body on the LR image, then pixel-shuffle stages.
/// </summary>
internal static class ResUNetGraph
{
    public static string[] Emit(OnnxGraphBuilder g, ResUNet model, string x)
    {
        var o = (ResUNetOptions)model.Options;
        var upscaled = g.Bicubic(x, model.Channels, model.Scale);
        var h = Body(g, model, o.Levels, g.Relu(g.Conv(model.Child<Conv2d>("head"), upscaled)));
        return [g.Add(upscaled, g.Conv(model.Child<Conv2d>("tail"), h))];
    }

    public static string[] Emit(OnnxGraphBuilder g, ResUNetLr model, string x)
    {
        var o = (ResUNetLrOptions)model.Options;
        var h = Body(g, model, o.Levels, g.Relu(g.Conv(model.Child<Conv2d>("head"), x)));
        foreach (var stage in model.Child<Sequential>("upsample").Children().Select(c => (Sequential)c.Module))
            h = g.Relu(g.PixelShuffle(g.Conv((Conv2d)stage[0], h), ((PixelShuffle)stage[1]).Factor));
        return [g.Add(g.Bicubic(x, model.Channels, model.Scale), g.Conv(model.Child<Conv2d>("tail"), h))];
    }

    /// <summary>The encoder-decoder both networks share (their <c>encoders</c>, <c>downs</c>, <c>ups</c>, <c>decoders</c>).</summary>
    private static string Body(OnnxGraphBuilder g, SuperResolutionModel model, int levels, string h)
    {
        Sequential encoders = model.Child<Sequential>("encoders"), downs = model.Child<Sequential>("downs");
        Sequential ups = model.Child<Sequential>("ups"), decoders = model.Child<Sequential>("decoders");
        var skips = new string[levels];
        for (int level = 0; level < levels; level++)
        {
            skips[level] = ResidualBlockGraph.EmitAll(g, (Sequential)encoders[level], h);
            h = g.Relu(g.Conv((Conv2d)downs[level], skips[level]));
        }
        h = ResidualBlockGraph.EmitAll(g, (Sequential)encoders[levels], h);
        for (int level = levels - 1; level >= 0; level--)
        {
            var up = ups[level] switch
            {
                ConvTranspose2d deconv => g.ConvTranspose(deconv, h),
                Sequential shuffle => g.PixelShuffle(g.Conv((Conv2d)shuffle[0], h), ((PixelShuffle)shuffle[1]).Factor),
                var other => throw new NotSupportedException($"No ONNX export for ResUNet upsampling {other.GetType().Name}."),
            };
            // Downscaling rounds odd sizes up; drop the extra row or column going back.
            up = g.CropTo(up, skips[level]);
            h = ResidualBlockGraph.EmitAll(g, (Sequential)decoders[level], g.Add(g.Relu(up), skips[level]));
        }
        return h;
    }
}
