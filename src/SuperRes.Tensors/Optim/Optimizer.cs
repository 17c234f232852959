using System.Globalization;
using SuperRes.Tensors.Serialization;

namespace SuperRes.Tensors.Optim;

/// <summary>
/// Base of optimisers: a fixed, ordered parameter list, a learning rate the trainer may change
/// each step (see <see cref="LrSchedule"/>), and state that saves to safetensors for exact resume.
/// </summary>
public abstract class Optimizer : IDisposable
{
    protected Optimizer(IEnumerable<Tensor> parameters, double learningRate)
    {
        Parameters = parameters.ToArray();
        if (Parameters.Count == 0) throw new ArgumentException("Optimizer got no parameters.");
        if (learningRate < 0) throw new ArgumentOutOfRangeException(nameof(learningRate));
        LearningRate = learningRate;
    }

    public IReadOnlyList<Tensor> Parameters { get; }
    public double LearningRate { get; set; }

    /// <summary>Number of completed steps.</summary>
    public long StepCount { get; protected set; }

    /// <summary>Updates every parameter that has a gradient, then counts the step.</summary>
    public void Step()
    {
        using (Tape.NoGrad())
        {
            StepCount++;
            for (int i = 0; i < Parameters.Count; i++)
                if (Parameters[i].Grad is { } g) Update(i, Parameters[i], g);
        }
    }

    protected abstract void Update(int index, Tensor parameter, Tensor grad);

    public void ZeroGrad()
    {
        foreach (var p in Parameters) p.ZeroGrad();
    }

    /// <summary>Per-parameter state tensors by name, e.g. <c>3.exp_avg</c> (live tensors).</summary>
    protected abstract IEnumerable<(string Name, Tensor Tensor)> StateTensors();

    /// <summary>Creates state for parameter <paramref name="index"/> so that it can be loaded into.</summary>
    protected abstract Tensor? StateSlot(int index, string kind);

    /// <summary>Writes step count, learning rate and state tensors (raw float bits, so resume is exact).</summary>
    public void Save(string path, IReadOnlyDictionary<string, string>? extraMetadata = null)
    {
        var meta = new Dictionary<string, string>(extraMetadata ?? new Dictionary<string, string>())
        {
            ["optimizer"] = GetType().Name,
            ["step"] = StepCount.ToString(CultureInfo.InvariantCulture),
            ["lr"] = LearningRate.ToString("R", CultureInfo.InvariantCulture),
            ["parameters"] = Parameters.Count.ToString(CultureInfo.InvariantCulture),
        };
        SafeTensors.Save(path, StateTensors().Select(s => new KeyValuePair<string, Tensor>(s.Name, s.Tensor)), meta);
    }

    /// <summary>Restores what <see cref="Save"/> wrote; the parameter list must match.</summary>
    public void Load(string path)
    {
        var file = SafeTensors.Load(path);
        try
        {
            var meta = file.Metadata;
            if (!meta.TryGetValue("optimizer", out var kind) || kind != GetType().Name)
                throw new SafeTensorsException(path, $"holds state of optimizer '{kind}', not {GetType().Name}.");
            if (!meta.TryGetValue("parameters", out var count) || count != Parameters.Count.ToString(CultureInfo.InvariantCulture))
                throw new SafeTensorsException(path, $"holds state for {count} parameters, this optimizer has {Parameters.Count}.");
            StepCount = long.Parse(meta["step"], CultureInfo.InvariantCulture);
            LearningRate = double.Parse(meta["lr"], CultureInfo.InvariantCulture);
            foreach (var (name, t) in file.Tensors)
            {
                int dot = name.IndexOf('.');
                if (dot < 0 || !int.TryParse(name.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index >= Parameters.Count)
                    throw new SafeTensorsException(path, $"unexpected optimizer state entry '{name}'.");
                var slot = StateSlot(index, name[(dot + 1)..])
                    ?? throw new SafeTensorsException(path, $"unexpected optimizer state entry '{name}'.");
                if (!slot.Shape.SequenceEqual(t.Shape))
                    throw new SafeTensorsException(path, $"state '{name}' has shape {t.ShapeString}, expected {slot.ShapeString}.");
                slot.CopyFrom(t);
            }
        }
        finally
        {
            file.Dispose();
        }
    }

    public virtual void Dispose()
    {
        foreach (var (_, t) in StateTensors()) t.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A zeroed tensor shaped like <paramref name="p"/>, owned by the optimiser.</summary>
    protected static Tensor ZerosLike(Tensor p)
    {
        var t = Tensor.Zeros(p.Shape.ToArray()).Persist();
        return t;
    }
}
