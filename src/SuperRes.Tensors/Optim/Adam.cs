namespace SuperRes.Tensors.Optim;

/// <summary>
/// Adam (Kingma &amp; Ba 2015) as PyTorch: bias-corrected moments; <see cref="WeightDecay"/> is L2
/// added to the gradient, or, when <see cref="Decoupled"/> (AdamW, Loshchilov &amp; Hutter 2019),
/// a shrink of the weights by lr·wd before the update.
/// </summary>
public class Adam : Optimizer
{
    private readonly Tensor?[] _m;
    private readonly Tensor?[] _v;

    public Adam(IEnumerable<Tensor> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-8, double weightDecay = 0, bool decoupled = false)
        : base(parameters, learningRate)
    {
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        Decoupled = decoupled;
        _m = new Tensor?[Parameters.Count];
        _v = new Tensor?[Parameters.Count];
    }

    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Epsilon { get; }
    public double WeightDecay { get; }
    public bool Decoupled { get; }

    protected override void Update(int index, Tensor parameter, Tensor grad)
    {
        var p = parameter.AsSpan();
        var g = grad.AsSpan();
        var m = (_m[index] ??= ZerosLike(parameter)).AsSpan();
        var v = (_v[index] ??= ZerosLike(parameter)).AsSpan();
        float b1 = (float)Beta1, b2 = (float)Beta2, wd = (float)WeightDecay, lr = (float)LearningRate;
        double c1 = 1 - Math.Pow(Beta1, StepCount), c2 = 1 - Math.Pow(Beta2, StepCount);
        float stepSize = (float)(LearningRate / c1);
        float sqrtC2 = (float)Math.Sqrt(c2), eps = (float)Epsilon;
        for (int i = 0; i < p.Length; i++)
        {
            float gi = g[i];
            if (wd != 0)
            {
                if (Decoupled) p[i] *= 1 - lr * wd;
                else gi += wd * p[i];
            }
            m[i] = b1 * m[i] + (1 - b1) * gi;
            v[i] = b2 * v[i] + (1 - b2) * gi * gi;
            p[i] -= stepSize * m[i] / (MathF.Sqrt(v[i]) / sqrtC2 + eps);
        }
    }

    protected override IEnumerable<(string Name, Tensor Tensor)> StateTensors()
    {
        for (int i = 0; i < _m.Length; i++)
        {
            if (_m[i] is { } m) yield return ($"{i}.exp_avg", m);
            if (_v[i] is { } v) yield return ($"{i}.exp_avg_sq", v);
        }
    }

    protected override Tensor? StateSlot(int index, string kind) => kind switch
    {
        "exp_avg" => _m[index] ??= ZerosLike(Parameters[index]),
        "exp_avg_sq" => _v[index] ??= ZerosLike(Parameters[index]),
        _ => null,
    };
}
