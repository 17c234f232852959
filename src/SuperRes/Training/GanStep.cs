using SuperRes.Losses;
using SuperRes.Tensors;
using SuperRes.Tensors.Nn;
using SuperRes.Tensors.Optim;
using SuperRes.Training.Data;

namespace SuperRes.Training;

/// <summary>
/// GAN training (NVIDIA 2017), extending the supervised step: first the discriminator on real HR
/// and detached G(lr) (-ln D(hr) - ln(1 - D(G(lr)))), then the generator on content + lambda (-ln D(G(lr))).
/// The generator should start from a pretrained model, as the paper does.
/// </summary>
public sealed class GanStep : SupervisedStep
{
    private readonly float _lambda;
    private readonly double _discriminatorLr;

    public GanStep(Module generator, LossConfig loss, OptimizerConfig optimizer, GanConfig gan, int channels, Rng rng)
        : base(generator, loss, optimizer)
    {
        ArgumentNullException.ThrowIfNull(gan);
        _lambda = gan.AdversarialWeight;
        _discriminatorLr = gan.DiscriminatorLearningRate;
        Discriminator = new Discriminator(channels, rng, gan.DiscriminatorWidth, gan.DiscriminatorStages);
        DiscriminatorAdam = new Adam(Discriminator.Parameters(), gan.DiscriminatorLearningRate, 0.9, 0.999);
    }

    public Discriminator Discriminator { get; }

    public Adam DiscriminatorAdam { get; }

    public override IReadOnlyList<(string Name, Module Module)> Modules => [("model", Model), ("discriminator", Discriminator)];

    public override IReadOnlyList<(string Name, Optimizer Optimizer)> Optimizers => [("adam", Adam), ("discriminator-adam", DiscriminatorAdam)];

    public override StepResult Run(TrainingBatch batch, double lrFactor)
    {
        var parts = new Dictionary<string, double>();
        using (var tape = new Tape())
        {
            var input = ToTensor(batch.Input);
            var real = ToTensor(batch.HighResolution);
            Tensor fake;
            using (Tape.NoGrad()) fake = Model.Forward(input);
            var dLoss = GanLosses.Discriminator(Discriminator.Forward(real), Discriminator.Forward(fake));
            var d = dLoss.Item();
            NonFiniteLossException.ThrowIfNotFinite(batch.Step, "discriminator", d);
            DiscriminatorAdam.LearningRate = _discriminatorLr * lrFactor;
            DiscriminatorAdam.ZeroGrad();
            dLoss.Backward();
            DiscriminatorAdam.Step();
            parts["discriminator"] = d;
        }

        using (var tape = new Tape())
        {
            var input = ToTensor(batch.Input);
            var targets = batch.Targets.Select(ToTensor).ToArray();
            var content = ContentLoss(input, targets, parts, out var prediction);
            var adversarial = GanLosses.Generator(Discriminator.Forward(prediction));
            var total = Ops.Add(content, Ops.MulScalar(adversarial, _lambda));
            var value = total.Item();
            parts["content"] = content.Item();
            parts["adversarial"] = adversarial.Item();
            NonFiniteLossException.ThrowIfNotFinite(batch.Step, "generator", value);
            Adam.ZeroGrad();
            total.Backward();
            Discriminator.ZeroGrad(); // the generator's step must not leave gradients in D
            ApplyStep(lrFactor);
            return new StepResult(value, parts);
        }
    }

    public override void Dispose()
    {
        DiscriminatorAdam.Dispose();
        Discriminator.Dispose();
        base.Dispose();
    }
}
