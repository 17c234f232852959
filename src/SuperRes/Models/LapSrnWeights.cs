using SuperRes.Tensors;
using SuperRes.Weights;

namespace SuperRes.Models;

/// <summary>
/// Loads the authors' MatConvNet LapSRN models (LapSRN_x2/x4/x8.mat) into <see cref="LapSrn"/>.
/// MatConvNet numbers levels from the last (level1 = final output) and our modules from the first,
/// so <c>levelK</c> maps to <c>levels.(L-K)</c>.
/// </summary>
public static class LapSrnWeights
{
    public static LapSrn Load(string path) => FromDagNetwork(MatConvNetImporter.Load(path), path);

    public static LapSrn FromDagNetwork(DagNetwork net, string fileName)
    {
        ArgumentNullException.ThrowIfNull(net);
        if (!net.Params.TryGetValue("input_conv_f", out var input) || input.Shape.Count != 4)
            throw new MatFileException(fileName, "not a LapSRN network: no 4-D 'input_conv_f'.");
        int levels = net.LayersOfType("dagnn.ConvTranspose").Count(l => l.Name.EndsWith("_img_up", StringComparison.Ordinal));
        int depth = net.Params.Keys.Count(k => k.StartsWith("level1_conv", StringComparison.Ordinal) && k.EndsWith("_f", StringComparison.Ordinal));
        if (levels is < 1 or > 3 || depth < 1)
            throw new MatFileException(fileName, $"not a LapSRN network: {levels} image branches, {depth} convs in level1.");
        CheckCrop(net, fileName, "level1_upconv", [0, 1, 0, 1]);
        CheckCrop(net, fileName, "level1_img_up", [1, 1, 1, 1]);
        float leak = (float)(net.GetLayer("input_relu").GetValues("leak")?[0] ?? 0);

        var options = new LapSrnOptions
        {
            Scale = 1 << levels, Channels = input.Shape[1], Width = input.Shape[0], Depth = depth, LeakySlope = leak,
        };
        var model = new LapSrn(options, new Rng(0));
        var state = new Dictionary<string, Tensor>();
        try
        {
            void Map(string ours, string theirs)
            {
                if (!net.Params.TryGetValue(theirs, out var p)) throw new MatFileException(fileName, $"missing param '{theirs}'.");
                state[ours] = Tensor.FromArray(p.Data, [.. p.Shape]).Persist();
            }
            Map("input_conv.weight", "input_conv_f");
            Map("input_conv.bias", "input_conv_b");
            for (int i = 0; i < levels; i++)
            {
                string l = $"level{levels - i}_", ours = $"levels.{i}.";
                for (int j = 0; j < depth; j++)
                {
                    Map($"{ours}convs.{j}.weight", $"{l}conv{j + 1}_f");
                    Map($"{ours}convs.{j}.bias", $"{l}conv{j + 1}_b");
                }
                Map(ours + "upconv.weight", l + "upconv_f");
                Map(ours + "upconv.bias", l + "upconv_b");
                Map(ours + "residual.weight", l + "residual_conv_f");
                Map(ours + "residual.bias", l + "residual_conv_b");
                Map(ours + "image_up.weight", l + "img_up_f");
            }
            model.LoadStateDict(state);
            return model;
        }
        catch (ArgumentException ex)
        {
            model.Dispose();
            throw new MatFileException(fileName, "weights do not fit a LapSRN: " + ex.Message, ex);
        }
        finally
        {
            foreach (var t in state.Values) t.Dispose();
        }
    }

    private static void CheckCrop(DagNetwork net, string fileName, string layer, int[] expected)
    {
        var crop = net.Layers.FirstOrDefault(l => l.Name == layer)?.GetInts("crop");
        if (crop == null || !crop.SequenceEqual(expected))
            throw new MatFileException(fileName, $"layer '{layer}' crop is [{string.Join(' ', crop ?? [])}], LapSRN uses [{string.Join(' ', expected)}].");
    }
}
