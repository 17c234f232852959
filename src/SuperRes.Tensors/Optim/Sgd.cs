namespace SuperRes.Tensors.Optim;

/// <summary>SGD with momentum, dampening-free, optional Nesterov and L2 weight decay (as PyTorch SGD).</summary>
public sealed class Sgd : Optimizer
{
    private readonly Tensor?[] _momentum;

    public Sgd(IEnumerable<Tensor> parameters, double learningRate, double momentum = 0, double weightDecay = 0, bool nesterov = false)
        : base(parameters, learningRate)
    {
        Momentum = momentum;
        WeightDecay = weightDecay;
        Nesterov = nesterov;
        _momentum = new Tensor?[Parameters.Count];
    }

    public double Momentum { get; }
    public double WeightDecay { get; }
    public bool Nesterov { get; }

    protected override void Update(int index, Tensor parameter, Tensor grad)
    {
        var p = parameter.AsSpan();
        var g = grad.AsSpan();
        float lr = (float)LearningRate, wd = (float)WeightDecay, mu = (float)Momentum;
        Span<float> buf = default;
        if (mu != 0)
        {
            bool fresh = _momentum[index] == null;
            buf = (_momentum[index] ??= ZerosLike(parameter)).AsSpan();
            for (int i = 0; i < p.Length; i++)
            {
                float d = g[i] + wd * p[i];
                buf[i] = fresh ? d : mu * buf[i] + d;
                p[i] -= lr * (Nesterov ? d + mu * buf[i] : buf[i]);
            }
            return;
        }
        for (int i = 0; i < p.Length; i++) p[i] -= lr * (g[i] + wd * p[i]);
    }

    protected override IEnumerable<(string Name, Tensor Tensor)> StateTensors()
    {
        for (int i = 0; i < _momentum.Length; i++)
            if (_momentum[i] is { } m) yield return ($"{i}.momentum_buffer", m);
    }

    protected override Tensor? StateSlot(int index, string kind) =>
        kind == "momentum_buffer" ? _momentum[index] ??= ZerosLike(Parameters[index]) : null;
}
