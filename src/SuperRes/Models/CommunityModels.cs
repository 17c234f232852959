using System.Globalization;
using System.Text.RegularExpressions;
using SuperRes.Tensors;

namespace SuperRes.Models;

/// <summary>
/// Recognises the state dicts of community super-resolution weights (as spandrel does: from key
/// names and shapes) and builds the matching network: <see cref="RrdbNet"/> (ESRGAN, Real-ESRGAN
/// x4plus/x2plus/anime_6B, also under the original ESRGAN key names), <see cref="SrVggNetCompact"/>
/// (realesr-general-x4v3, realesr-animevideov3) and <see cref="SpanNet"/>. Hyperparameters are read
/// off the shapes. An unknown state dict is an <see cref="ArgumentException"/> that lists some of its keys.
/// </summary>
public static partial class CommunityModels
{
    /// <summary>Builds the network <paramref name="state"/> describes and loads it (the tensors are copied; the caller keeps them).</summary>
    public static SuperResolutionModel FromStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.ContainsKey("model.0.weight") && state.ContainsKey("model.1.sub.0.RDB1.conv1.0.weight"))
            state = MapOldEsrganKeys(state);
        if (state.ContainsKey("conv_first.weight") && state.ContainsKey("body.0.rdb1.conv1.weight"))
            return Build(RrdbOptions(state), state);
        if (state.ContainsKey("conv_1.sk.weight") && state.ContainsKey("block_1.c1_r.sk.weight") && state.ContainsKey("upsampler.0.weight"))
        {
            var created = new List<Tensor>();
            try { return Build(SpanOptions(state), SpanFolding.Fold(state, created)); }
            finally { foreach (var t in created) t.Dispose(); }
        }
        if (state.TryGetValue("body.0.weight", out var first) && first.Rank == 4 && state.TryGetValue("body.1.weight", out var act) && act.Rank == 1)
            return Build(VggOptions(state), state);
        var keys = string.Join(", ", state.Keys.Take(6));
        throw new ArgumentException($"unrecognised state dict ({state.Count} tensors; keys {keys}{(state.Count > 6 ? ", ..." : "")}); "
            + "known architectures: RRDBNet (ESRGAN, Real-ESRGAN), SRVGGNetCompact, SPAN");
    }

    private static SuperResolutionModel Build(ModelOptions options, IReadOnlyDictionary<string, Tensor> state)
    {
        var model = KnownModels.All.First(d => d.OptionsType == options.GetType()).Create(options, new Rng(0));
        try
        {
            model.LoadStateDict(state);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static RrdbNetOptions RrdbOptions(IReadOnlyDictionary<string, Tensor> s)
    {
        if (s.ContainsKey("conv_up3.weight")) throw new ArgumentException("RRDBNet x8 (conv_up3) is not supported.");
        var first = Shape(s, "conv_first.weight");
        int outCh = Shape(s, "conv_last.weight")[0], inCh = first[1];
        int scale = inCh == outCh ? 4 : inCh == 4 * outCh ? 2 : inCh == 16 * outCh ? 1
            : throw new ArgumentException($"RRDBNet: conv_first takes {inCh} channels, conv_last gives {outCh}: no known scale.");
        return new RrdbNetOptions
        {
            Channels = outCh, Scale = scale, Width = first[0],
            GrowthChannels = Shape(s, "body.0.rdb1.conv1.weight")[0],
            Blocks = MaxIndex(s, BodyIndex()) + 1,
        };
    }

    private static SrVggNetCompactOptions VggOptions(IReadOnlyDictionary<string, Tensor> s)
    {
        var first = Shape(s, "body.0.weight");
        int last = MaxIndex(s, BodyIndex());
        int channels = first[1], outChannels = Shape(s, $"body.{last}.weight")[0];
        int scale = (int)Math.Round(Math.Sqrt(outChannels / (double)channels));
        if (last % 2 != 0 || scale * scale * channels != outChannels)
            throw new ArgumentException($"SRVGGNetCompact: body.{last} gives {outChannels} channels for {channels} input channels: no known scale.");
        return new SrVggNetCompactOptions { Channels = channels, Scale = scale, Width = first[0], Convs = (last - 2) / 2 };
    }

    private static SpanOptions SpanOptions(IReadOnlyDictionary<string, Tensor> s)
    {
        var head = Shape(s, "conv_1.sk.weight");
        int channels = head[1], outChannels = Shape(s, "upsampler.0.weight")[0];
        int scale = (int)Math.Round(Math.Sqrt(outChannels / (double)channels));
        if (scale * scale * channels != outChannels)
            throw new ArgumentException($"SPAN: upsampler.0 gives {outChannels} channels for {channels} input channels: no known scale.");
        return new SpanOptions { Channels = channels, Scale = scale, Width = head[0], Normalize = !s.ContainsKey("no_norm") };
    }

    /// <summary>The original ESRGAN repository's names mapped to BasicSR's (model.1.sub.N.RDBk.convj.0 → body.N.rdbk.convj).</summary>
    private static Dictionary<string, Tensor> MapOldEsrganKeys(IReadOnlyDictionary<string, Tensor> s)
    {
        int blocks = MaxIndex(s, OldBlockIndex()) + 1;
        var top = new Dictionary<string, string>
        {
            ["model.0"] = "conv_first", [$"model.1.sub.{blocks}"] = "conv_body", ["model.3"] = "conv_up1",
            ["model.6"] = "conv_up2", ["model.8"] = "conv_hr", ["model.10"] = "conv_last",
        };
        var result = new Dictionary<string, Tensor>();
        foreach (var (k, v) in s)
        {
            var m = OldBlockKey().Match(k);
            if (m.Success)
            {
                result[$"body.{m.Groups[1].Value}.rdb{m.Groups[2].Value}.conv{m.Groups[3].Value}.{m.Groups[4].Value}"] = v;
                continue;
            }
            int dot = k.LastIndexOf('.');
            result[top.TryGetValue(k[..dot], out var name) ? name + k[dot..] : k] = v;
        }
        return result;
    }

    private static int[] Shape(IReadOnlyDictionary<string, Tensor> s, string key) =>
        s.TryGetValue(key, out var t) ? t.Shape.ToArray() : throw new ArgumentException($"'{key}' is missing from the state dict.");

    private static int MaxIndex(IReadOnlyDictionary<string, Tensor> s, Regex pattern) =>
        s.Keys.Select(k => pattern.Match(k)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(-1).Max();

    [GeneratedRegex(@"^body\.(\d+)\.")]
    private static partial Regex BodyIndex();

    [GeneratedRegex(@"^model\.1\.sub\.(\d+)\.RDB")]
    private static partial Regex OldBlockIndex();

    [GeneratedRegex(@"^model\.1\.sub\.(\d+)\.RDB(\d)\.conv(\d)\.0\.(weight|bias)$")]
    private static partial Regex OldBlockKey();
}
