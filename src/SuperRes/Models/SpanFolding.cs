using SuperRes.Tensors;

namespace SuperRes.Models;

/// <summary>
/// Folds SPAN's Conv3XC training form into the single 3x3 conv it equals at inference: with
/// w1 [m1, i] (1x1), w2 [m2, m1, 3, 3], w3 [o, m2] (1x1) and the 1x1 skip s [o, i],
/// W[o, i, y, x] = Σ w3[o, m2] w2[m2, m1, y, x] w1[m1, i] + (y = x = 1) s[o, i] and
/// b[o] = Σ w3[o, m2] (Σ w2[m2, m1, y, x] b1[m1] + b2[m2]) + b3[o] + sb[o], summed in double.
/// </summary>
internal static class SpanFolding
{
    /// <summary>The state dict with every <c>P.sk</c>/<c>P.conv.N</c> group replaced by <c>P.eval_conv</c> (a stale stored eval_conv is ignored).</summary>
    public static Dictionary<string, Tensor> Fold(IReadOnlyDictionary<string, Tensor> state, List<Tensor> created)
    {
        var result = new Dictionary<string, Tensor>();
        var prefixes = state.Keys.Where(k => k.EndsWith(".sk.weight", StringComparison.Ordinal)).Select(k => k[..^".sk.weight".Length]).ToHashSet();
        foreach (var (name, t) in state)
        {
            string? owner = prefixes.FirstOrDefault(p => name.StartsWith(p + ".", StringComparison.Ordinal));
            if (owner is null && name != "no_norm") result[name] = t;
        }
        foreach (var p in prefixes)
        {
            var (w, b) = FoldOne(state, p);
            created.Add(w);
            created.Add(b);
            result[p + ".eval_conv.weight"] = w;
            result[p + ".eval_conv.bias"] = b;
        }
        return result;
    }

    private static (Tensor Weight, Tensor Bias) FoldOne(IReadOnlyDictionary<string, Tensor> s, string p)
    {
        Tensor Get(string n) => s.TryGetValue($"{p}.{n}", out var t) ? t : throw new ArgumentException($"SPAN: '{p}.{n}' is missing.");
        Tensor w1 = Get("conv.0.weight"), b1 = Get("conv.0.bias"), w2 = Get("conv.1.weight"), b2 = Get("conv.1.bias"),
            w3 = Get("conv.2.weight"), b3 = Get("conv.2.bias"), sk = Get("sk.weight"), skb = Get("sk.bias");
        int m1 = w1.Size(0), cin = w1.Size(1), m2 = w2.Size(0), cout = w3.Size(0);
        if (w2.Size(1) != m1 || w2.Size(2) != 3 || w2.Size(3) != 3 || w3.Size(1) != m2 || sk.Size(0) != cout || sk.Size(1) != cin)
            throw new ArgumentException($"SPAN: the shapes of '{p}' do not compose into a 3x3 conv.");
        var a1 = w1.ToArray(); var a2 = w2.ToArray(); var a3 = w3.ToArray();
        var inner = new double[m2 * cin * 9]; // w2 ∘ w1: [m2, cin, 3, 3]
        for (int m = 0; m < m2; m++)
        for (int n = 0; n < m1; n++)
        for (int k = 0; k < 9; k++)
        {
            double v = a2[(m * m1 + n) * 9 + k];
            if (v == 0) continue;
            for (int i = 0; i < cin; i++) inner[(m * cin + i) * 9 + k] += v * a1[n * cin + i];
        }
        var weight = new float[cout * cin * 9];
        var bias = new float[cout];
        var sb1 = b1.ToArray(); var sb2 = b2.ToArray(); var sb3 = b3.ToArray(); var sks = sk.ToArray(); var skbs = skb.ToArray();
        var mid = new double[m2]; // w2 applied to b1, plus b2
        for (int m = 0; m < m2; m++)
        {
            double acc = sb2[m];
            for (int n = 0; n < m1; n++)
            for (int k = 0; k < 9; k++) acc += a2[(m * m1 + n) * 9 + k] * (double)sb1[n];
            mid[m] = acc;
        }
        for (int o = 0; o < cout; o++)
        {
            double bo = sb3[o] + skbs[o];
            for (int m = 0; m < m2; m++) bo += a3[o * m2 + m] * mid[m];
            bias[o] = (float)bo;
            for (int i = 0; i < cin; i++)
            for (int k = 0; k < 9; k++)
            {
                double acc = k == 4 ? sks[o * cin + i] : 0;
                for (int m = 0; m < m2; m++) acc += a3[o * m2 + m] * inner[(m * cin + i) * 9 + k];
                weight[(o * cin + i) * 9 + k] = (float)acc;
            }
        }
        return (Tensor.FromArray(weight, cout, cin, 3, 3).Persist(), Tensor.FromArray(bias, cout).Persist());
    }
}
