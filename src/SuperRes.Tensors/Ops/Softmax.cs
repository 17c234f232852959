namespace SuperRes.Tensors;

/// <summary>Softmax family and cross-entropy, composed from primitives (no gradient code of their own, except the NLL gather).</summary>
public static partial class Ops
{
    /// <summary>log softmax over <paramref name="axis"/> (channels by default), stabilised by the (constant) max.</summary>
    public static Tensor LogSoftmax(Tensor x, int axis = 1)
    {
        var m = MaxNoGrad(x, axis);
        var z = Sub(x, m);
        var lse = Log(Sum(Exp(z), [axis], keepDim: true));
        return Sub(z, lse);
    }

    public static Tensor Softmax(Tensor x, int axis = 1) => Exp(LogSoftmax(x, axis));

    /// <summary>
    /// Mean cross-entropy of logits [N,C,...] against class indices (targets [N,1,...] or [N,...],
    /// float values that are whole numbers in [0, C)).
    /// </summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor targets) => CrossEntropy(logits, TargetIndices(logits, targets));

    /// <summary>Mean cross-entropy with targets as N·(spatial) class indices in NCHW order without the channel axis.</summary>
    public static Tensor CrossEntropy(Tensor logits, int[] targets) => NllLoss(LogSoftmax(logits, 1), targets);

    /// <summary>−mean over positions of logProbs[n, target, ...].</summary>
    public static Tensor NllLoss(Tensor logProbs, int[] targets)
    {
        if (logProbs.Rank < 2) throw new ArgumentException($"nll_loss expects [N,C,...], got {logProbs.ShapeString}.");
        int n = logProbs.Size(0), c = logProbs.Size(1), inner = ChannelInner(logProbs);
        if (targets.Length != n * inner)
            throw new ArgumentException($"nll_loss: {targets.Length} targets for logits {logProbs.ShapeString} (expected {n * inner}).");
        var lp = logProbs.AsSpan();
        double sum = 0;
        for (int i = 0; i < n; i++)
        for (int p = 0; p < inner; p++)
        {
            int t = targets[i * inner + p];
            if ((uint)t >= (uint)c) throw new ArgumentException($"nll_loss: target {t} outside [0, {c}).");
            sum -= lp[(i * c + t) * inner + p];
        }
        var y = Tensor.Scalar((float)(sum / Math.Max(1, targets.Length)));
        if (Autograd.Needs(logProbs)) RecordNll(logProbs, targets, y, c, inner);
        return y;
    }

    private static void RecordNll(Tensor x, int[] targets, Tensor y, int c, int inner) => Autograd.Record(y, "nll_loss", [x], g =>
    {
        var gx = Tensor.Zeros(x.Shape.ToArray());
        var d = gx.AsSpan();
        float v = -g.Item() / Math.Max(1, targets.Length);
        int n = x.Size(0);
        for (int i = 0; i < n; i++)
        for (int p = 0; p < inner; p++)
            d[(i * c + targets[i * inner + p]) * inner + p] = v;
        Autograd.Accumulate(x, gx);
    });

    private static int[] TargetIndices(Tensor logits, Tensor targets)
    {
        int expected = logits.Length / Math.Max(1, logits.Size(1));
        if (targets.Length != expected || targets.Size(0) != logits.Size(0))
            throw new ArgumentException($"cross_entropy: targets {targets.ShapeString} do not match logits {logits.ShapeString}.");
        var s = targets.AsSpan();
        var idx = new int[s.Length];
        for (int i = 0; i < s.Length; i++)
        {
            float v = s[i];
            if (v != MathF.Round(v)) throw new ArgumentException($"cross_entropy: target {v} is not a class index.");
            idx[i] = (int)v;
        }
        return idx;
    }
}
