using SuperRes.Tensors;
using SuperRes.Tensors.Nn;

namespace SuperRes.Models.Fgdl;

/// <summary>
/// A network with FGDL heads on every level. Parameters are named <c>net.*</c> (the wrapped model,
/// as in its own file) and <c>heads.L.*</c>. <see cref="Forward"/> and <see cref="ForwardLevels(SuperRes.Tensors.Tensor)"/>
/// are inference: sr = lo + sigmoid(t)(hi - lo) in the Class-Module or fixed-r area, or the plain
/// output for the auxiliary variant. It is a <see cref="SuperResolutionModel"/> with the wrapped
/// network's architecture and options, so the upscaler and the protocol run it like any other
/// (<see cref="ModelFile"/> saves and loads it with its FGDL options).
/// </summary>
public sealed class FgdlNetwork : SuperResolutionModel, IMultiLevelModel, IFgdlModel
{
    private readonly Sequential _heads;

    public FgdlNetwork(SuperResolutionModel network, IFeatureLevels levels, FgdlOptions options, Rng rng)
        : base((network ?? throw new ArgumentNullException(nameof(network))).Options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.Variant == FgdlVariant.Faithful) throw new ArgumentException("The faithful FGDL reading has no heads: use FgdlFaithfulNetwork (FgdlModels.Create).");
        Network = RegisterModule("net", network ?? throw new ArgumentNullException(nameof(network)));
        Levels = levels ?? throw new ArgumentNullException(nameof(levels));
        FgdlOptions = options;
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

    /// <summary>The wrapped network's architecture: the file format keeps it and adds the FGDL options.</summary>
    public override string Architecture => Network.Architecture;

    public int LevelCount => Levels.LevelCount;

    /// <summary>The network's cost plus the last level's heads (the auxiliary variant runs without them).</summary>
    public override double FlopsPerOutputPixel =>
        Network.FlopsPerOutputPixel + (FgdlOptions.Variant == FgdlVariant.Auxiliary ? 0 : 2 * HeadMultiplyAddsPerPixel);

    public IFeatureLevels Levels { get; }

    public FgdlOptions FgdlOptions { get; }

    /// <summary>Extra inference cost of the heads, multiply-adds per output pixel of the last level.</summary>
    public double HeadMultiplyAddsPerPixel =>
        FgdlLevelHead.MultiplyAddsPerPixel(Levels.FeatureChannels, Levels.ImageChannels, FgdlOptions.Bins, FgdlOptions.HeadKernel);

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
        if (FgdlOptions.Variant == FgdlVariant.Auxiliary) return Network.Forward(x);
        var levels = Levels.ForwardFeatureLevels(x);
        return Predict(levels.Count - 1, levels[^1]);
    }

    /// <summary>The inference output of every level, x2 first.</summary>
    public IReadOnlyList<Tensor> ForwardLevels(Tensor x) => ForwardLevels(x, LevelCount);

    /// <summary>The inference output of the first <paramref name="count"/> levels.</summary>
    public IReadOnlyList<Tensor> ForwardLevels(Tensor x, int count)
    {
        var levels = Levels.ForwardFeatureLevels(x, count);
        var outputs = new Tensor[levels.Count];
        for (var i = 0; i < levels.Count; i++)
            outputs[i] = FgdlOptions.Variant == FgdlVariant.Auxiliary ? levels[i].Output : Predict(i, levels[i]);
        return outputs;
    }

    private Tensor Predict(int index, FeatureLevel level)
    {
        var (logits, t) = ((FgdlLevelHead)_heads[index]).Forward(level);
        return FgdlAnchorReadout.Reconstruct(logits, t, FgdlOptions, target: null, level.Output).Image;
    }
}
