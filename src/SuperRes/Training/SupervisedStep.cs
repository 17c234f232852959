using SuperRes.Models.Fgdl;
using SuperRes.Losses;
using SuperRes.Models;
using SuperRes.Tensors;
using SuperRes.Tensors.Nn;
using SuperRes.Tensors.Optim;
using SuperRes.Training.Data;

namespace SuperRes.Training;

/// <summary>
/// Plain supervised training: a content loss (summed over LapSRN's levels when the batch has a
/// target per level) or FGDL on a network with heads, minimised with Adam.
/// </summary>
public class SupervisedStep : ITrainingStep
{
    private readonly ISrLoss? _content;
    private readonly FgdlLoss? _fgdl;
    private readonly FgdlFaithfulLoss? _faithful;
    private readonly double _baseLr;
    private readonly double _clip;

    public SupervisedStep(Module model, LossConfig loss, OptimizerConfig optimizer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(optimizer);
        Model = model;
        if (model is FgdlNetwork) _fgdl = new FgdlLoss(loss.Fgdl);
        else if (model is FgdlFaithfulNetwork faithful) _faithful = new FgdlFaithfulLoss(faithful.FgdlOptions);
        else if (loss.IsFgdlFaithful) throw new ArgumentException("The faithful FGDL loss needs a faithful FGDL network.");
        else if (loss.IsFgdl) throw new ArgumentException("The FGDL loss needs a network with FGDL heads.");
        else _content = loss.CreateContentLoss();
        _baseLr = optimizer.LearningRate;
        _clip = optimizer.GradientClip;
        Adam = new Adam(model.Parameters(), optimizer.LearningRate, optimizer.Beta1, optimizer.Beta2, weightDecay: optimizer.WeightDecay);
    }

    public Module Model { get; }

    public Adam Adam { get; }

    public virtual IReadOnlyList<(string Name, Module Module)> Modules => [("model", Model)];

    public virtual IReadOnlyList<(string Name, Optimizer Optimizer)> Optimizers => [("adam", Adam)];

    public virtual StepResult Run(TrainingBatch batch, double lrFactor)
    {
        using var tape = new Tape();
        var input = ToTensor(batch.Input);
        var targets = batch.Targets.Select(ToTensor).ToArray();
        var parts = new Dictionary<string, double>();
        var loss = ContentLoss(input, targets, parts, out _);
        var value = loss.Item();
        NonFiniteLossException.ThrowIfNotFinite(batch.Step, "training", value);
        Adam.ZeroGrad();
        loss.Backward();
        ApplyStep(lrFactor);
        return new StepResult(value, parts);
    }

    /// <summary>Sets the scheduled learning rate, clips the gradients if asked, and updates the model.</summary>
    protected void ApplyStep(double lrFactor)
    {
        Adam.LearningRate = _baseLr * lrFactor;
        if (_clip > 0) GradientClipping.ClipByGlobalNorm(Adam.Parameters, _clip);
        Adam.Step();
    }

    /// <summary>The supervised loss of a batch (summed over levels) and the finest prediction.</summary>
    protected Tensor ContentLoss(Tensor input, Tensor[] targets, Dictionary<string, double> parts, out Tensor prediction)
    {
        if (_faithful is not null) return FaithfulLoss(input, targets, parts, out prediction);
        if (_fgdl is not null)
        {
            var levels = ((FgdlNetwork)Model).ForwardTraining(input);
            Tensor? total = null;
            double regression = 0, classification = 0;
            var first = levels.Count - targets.Length;
            if (first < 0) throw new InvalidOperationException($"{targets.Length} targets for {levels.Count} levels.");
            FgdlLossResult? last = null;
            for (var i = 0; i < targets.Length; i++)
            {
                last = _fgdl.Compute(levels[first + i], targets[i]);
                total = total is null ? last.Total : Ops.Add(total, last.Total);
                regression += last.Regression;
                classification += last.Classification;
            }
            parts["regression"] = regression;
            parts["classification"] = classification;
            prediction = last!.Image;
            return total!;
        }

        IReadOnlyList<Tensor> outputs = Model is LapSrn lapSrn && targets.Length > 1 ? lapSrn.ForwardLevels(input) : [Model.Forward(input)];
        if (outputs.Count < targets.Length) throw new InvalidOperationException($"{targets.Length} targets for {outputs.Count} outputs.");
        Tensor? sum = null;
        var offset = outputs.Count - targets.Length;
        for (var i = 0; i < targets.Length; i++)
        {
            var term = _content!.Compute(outputs[offset + i], targets[i]);
            sum = sum is null ? term : Ops.Add(sum, term);
        }
        prediction = outputs[^1];
        return sum!;
    }

    /// <summary>The faithful FGDL loss summed over the levels that have targets; parts are sums over levels (hit rate and radius: means).</summary>
    private Tensor FaithfulLoss(Tensor input, Tensor[] targets, Dictionary<string, double> parts, out Tensor prediction)
    {
        var levels = ((FgdlFaithfulNetwork)Model).ForwardTraining(input);
        var first = levels.Count - targets.Length;
        if (first < 0) throw new InvalidOperationException($"{targets.Length} targets for {levels.Count} levels.");
        Tensor? total = null;
        double regression = 0, classification = 0, classModule = 0, hitRate = 0, radius = 0;
        for (var i = 0; i < targets.Length; i++)
        {
            var result = _faithful!.Compute(levels[first + i], targets[i]);
            total = total is null ? result.Total : Ops.Add(total, result.Total);
            regression += result.Regression;
            classification += result.Classification;
            classModule += result.ClassModule;
            hitRate += result.HitRate / targets.Length;
            radius += result.MeanRadius / targets.Length;
        }
        parts["regression"] = regression;
        parts["classification"] = classification;
        parts["classModule"] = classModule;
        parts["hitRate"] = hitRate;
        parts["radius"] = radius;
        prediction = levels[^1].Image;
        return total!;
    }

    internal static Tensor ToTensor(BatchArray array) => Tensor.FromArray(array.Data, array.N, array.C, array.H, array.W);

    public virtual void Dispose()
    {
        Adam.Dispose();
        (_content as IDisposable)?.Dispose();
        Model.Dispose();
        GC.SuppressFinalize(this);
    }
}
