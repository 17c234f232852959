using SuperRes.Models;
using SuperRes.Tensors;
using SuperRes.Tensors.Nn;

namespace SuperRes.Losses;

/// <summary>
/// A network with FGDL heads on every level. Parameters are named <c>net.*</c> (the wrapped model,
/// as in its own file) and <c>heads.L.*</c>. <see cref="Forward"/> is inference: the last level's
/// output, sr = lo + sigmoid(t)(hi - lo) in the Class-Module or fixed-r area, or the plain output
/// for the auxiliary variant.
/// </summary>
public sealed class FgdlNetwork : Module
{
    private readonly Sequential _heads;

    public FgdlNetwork(SuperResolutionModel network, IFeatureLevels levels, FgdlOptions options, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Network = RegisterModule("net", network ?? throw new ArgumentNullException(nameof(network)));
        Levels = levels ?? throw new ArgumentNullException(nameof(levels));
        Options = options;
        _heads = RegisterModule("heads", new Sequential());
        for (var i = 0; i < levels.LevelCount; i++)
            _heads.Add(new FgdlLevelHead(levels.FeatureChannels, levels.ImageChannels, options.Bins, options.HeadKernel, rng));
    }

    /// <summary>Wraps a network the FGDL heads know how to attach to (LapSRN).</summary>
    public static FgdlNetwork Create(SuperResolutionModel network, FgdlOptions options, Rng rng) => network switch
    {
        LapSrn lapSrn => new FgdlNetwork(lapSrn, new LapSrnFeatureLevels(lapSrn), options, rng),
        _ => throw new ArgumentException($"FGDL heads need the network's features; {network.Architecture} does not expose them (see IFeatureLevels)."),
    };

    public SuperResolutionModel Network { get; }

    public IFeatureLevels Levels { get; }

    public FgdlOptions Options { get; }

    /// <summary>Extra inference cost of the heads, multiply-adds per output pixel of the last level.</summary>
    public double HeadMultiplyAddsPerPixel =>
        FgdlLevelHead.MultiplyAddsPerPixel(Levels.FeatureChannels, Levels.ImageChannels, Options.Bins, Options.HeadKernel);

    public long HeadParameterCount => _heads.ParameterCount();

    /// <summary>Every level's heads and prediction, coarsest first.</summary>
    public IReadOnlyList<FgdlLevelOutput> ForwardTraining(Tensor input)
    {
        var levels = Levels.ForwardFeatureLevels(input);
        var outputs = new FgdlLevelOutput[levels.Count];
        for (var i = 0; i < levels.Count; i++)
        {
            var (logits, t) = ((FgdlLevelHead)_heads[i]).Forward(levels[i]);
            outputs[i] = new FgdlLevelOutput(logits, t, levels[i].Output);
        }
        return outputs;
    }

    public override Tensor Forward(Tensor x)
    {
        var last = ForwardTraining(x)[^1];
        if (Options.Variant == FgdlVariant.Auxiliary) return last.Output;
        return FgdlLoss.Reconstruct(last.Logits, last.T, Options, target: null).Image;
    }
}
