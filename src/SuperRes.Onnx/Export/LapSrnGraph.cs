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
            // MatConvNet crop [0 1 0 1]: the (2h+1) output loses its last row and column.
            features = g.LeakyRelu(g.ConvTranspose(level.UpConv, f, cropEnd: 1), slope);
            image = g.Add(g.ConvTranspose(level.ImageUp, image), g.Conv(level.Residual, features));
            outputs[i] = image;
        }
        return outputs;
    }
}
