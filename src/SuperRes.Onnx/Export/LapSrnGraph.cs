using SuperRes.Models;
using SuperRes.Tensors.Nn;

namespace SuperRes.Onnx.Export;

/// <summary><see cref="LapSrn"/>: the shared input conv, then every x2 level, each level's image an output (x2 first).</summary>
internal static class LapSrnGraph
{
    public static string[] Emit(OnnxGraphBuilder g, LapSrn model, string x)
    {
        float slope = ((LapSrnOptions)model.Options).LeakySlope;
        var features = g.LeakyRelu(g.Conv(model.InputConv, x), slope);
        var image = x;
        var outputs = new string[model.LevelCount];
        for (int i = 0; i < model.LevelCount; i++)
        {
            var level = model.Level(i);
            var f = features;
            for (int c = 0; c < level.Convs.Count; c++) f = g.LeakyRelu(g.Conv((Conv2d)level.Convs[c], f), slope);
            // MatConvNet crop [0 1 0 1]: the (2h+1) output loses its last row and column, so it is
            // exactly 2h x 2w and the transposed conv is written as a conv per output phase. The last
            // level's residual conv runs on those phases: its wide features are never shuffled.
            string residual;
            if (g.SubPixelConvTransposeLeakyRelu(level.UpConv, f, slope, cropEnd: 1) is { } phases)
            {
                bool last = i == model.LevelCount - 1;
                if (!last) features = g.PixelShuffle(phases, 2);
                residual = last ? g.ConvOnPhases(level.Residual, phases, 2) : g.Conv(level.Residual, features);
            }
            else
            {
                features = g.LeakyRelu(g.ConvTranspose(level.UpConv, f, cropEnd: 1), slope);
                residual = g.Conv(level.Residual, features);
            }
            image = g.Add(g.ConvTranspose(level.ImageUp, image), residual);
            outputs[i] = image;
        }
        return outputs;
    }
}
