using SuperRes.Models;
using SuperRes.Tensors.Nn;

namespace SuperRes.Onnx.Export;

/// <summary><see cref="ResUNet"/>: bicubic, encoder levels with strided downscaling, decoder levels with skips, plus bicubic.</summary>
internal static class ResUNetGraph
{
    public static string[] Emit(OnnxGraphBuilder g, ResUNet model, string x)
    {
        var o = (ResUNetOptions)model.Options;
        Sequential encoders = model.Child<Sequential>("encoders"), downs = model.Child<Sequential>("downs");
        Sequential ups = model.Child<Sequential>("ups"), decoders = model.Child<Sequential>("decoders");
        var upscaled = g.Bicubic(x, model.Channels, model.Scale);
        var skips = new string[o.Levels];
        var h = g.Relu(g.Conv(model.Child<Conv2d>("head"), upscaled));
        for (int level = 0; level < o.Levels; level++)
        {
            skips[level] = ResidualBlockGraph.EmitAll(g, (Sequential)encoders[level], h);
            h = g.Relu(g.Conv((Conv2d)downs[level], skips[level]));
        }
        h = ResidualBlockGraph.EmitAll(g, (Sequential)encoders[o.Levels], h);
        for (int level = o.Levels - 1; level >= 0; level--)
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
        return [g.Add(upscaled, g.Conv(model.Child<Conv2d>("tail"), h))];
    }
}
