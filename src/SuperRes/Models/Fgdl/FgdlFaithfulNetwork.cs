using SuperRes.Tensors;
using SuperRes.Tensors.Nn;

namespace SuperRes.Models.Fgdl;

/// <summary>
/// The faithful FGDL reading on LapSRN (docs/FGDL.md): every level's residual conv is replaced by a
/// zero-initialised 3x3 conv to K bin logits around the level's upsampled image, a learned
/// Class-Module (1x1 conv to R+1 radius logits; absent under the tau rule) chooses the area, and the
/// soft-argmax inside the area (<see cref="FgdlFaithfulReadout"/>) is the level's image, which feeds
/// the next level. Training and inference run the same formulas (the area is never widened).
/// Architecture and options are LapSRN's; the model file adds the FGDL options under <c>fgdl</c>.
/// Parameters: <c>input_conv.*</c>, <c>levels.L.{convs,upconv,image_up}.*</c> (LapSRN's names),
/// <c>levels.L.bins.*</c> and <c>levels.L.radius.*</c>.
/// </summary>
public sealed class FgdlFaithfulNetwork : SuperResolutionModel, IMultiLevelModel, IFgdlModel
{
    private readonly Conv2d _inputConv;
    private readonly Sequential _levels;
    private readonly LapSrnOptions _lapSrn;
    private readonly LapSrn _source;

    /// <summary>Takes LapSRN's input conv and level trunks (their weights, e.g. a trained LapSRN's); LapSRN's residual convs are freed.</summary>
    public FgdlFaithfulNetwork(LapSrn network, FgdlOptions options, Rng rng)
        : base((network ?? throw new ArgumentNullException(nameof(network))).Options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.Variant != FgdlVariant.Faithful) throw new ArgumentException($"The faithful network needs the faithful variant, got {options.Variant}.");
        FgdlOptions = options;
        _source = network;
        _lapSrn = (LapSrnOptions)network.Options;
        _inputConv = RegisterModule("input_conv", network.InputConv);
        _levels = RegisterModule("levels", new Sequential());
        for (var i = 0; i < network.LevelCount; i++)
            _levels.Add(new FgdlFaithfulLevelModule(network.Level(i), _lapSrn.Width, network.Channels, options, rng));
    }

    /// <summary>Wraps a LapSRN (the only network whose levels the reading knows); takes ownership.</summary>
    public static FgdlFaithfulNetwork Create(SuperResolutionModel network, FgdlOptions options, Rng rng) => network switch
    {
        LapSrn lapSrn => new FgdlFaithfulNetwork(lapSrn, options, rng),
        null => throw new ArgumentNullException(nameof(network)),
        _ => throw new ArgumentException($"The faithful FGDL reading replaces LapSRN's residual convs; {network.Architecture} has none."),
    };

    public FgdlOptions FgdlOptions { get; }

    public override string Architecture => KnownModels.LapSrnName;

    public int LevelCount => _levels.Count;

    internal FgdlFaithfulLevelModule Level(int index) => (FgdlFaithfulLevelModule)_levels[index];

    /// <summary>
    /// LapSRN's cost with each level's residual conv (3x3, F -> C) replaced by the bin conv
    /// (3x3, F -> C*K) and the Class-Module (1x1, F -> C*(R+1)), plus the reading itself (about
    /// 8 operations per bin and pixel: prior, exp, mask, two sums).
    /// </summary>
    public override double FlopsPerOutputPixel
    {
        get
        {
            double extra = 0;
            for (var level = 0; level < LevelCount; level++)
            {
                var hr = 4.0 * (1 << level) * (1 << level) / (Scale * Scale);
                extra += hr * ExtraFlopsPerLevelPixel(_lapSrn.Width, Channels, FgdlOptions);
            }
            return _source.FlopsPerOutputPixel + extra;
        }
    }

    /// <summary>FLOPs per pixel of one level beyond LapSRN's residual conv: (K - 1) more 3x3 outputs, the Class-Module, the reading.</summary>
    public static double ExtraFlopsPerLevelPixel(int featureChannels, int channels, FgdlOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        double bins = 2.0 * 9 * featureChannels * channels * (options.Bins - 1);
        double radius = options.LearnedRadius ? 2.0 * featureChannels * channels * (options.MaxRadius + 1) : 6.0 * channels * options.Bins;
        return bins + radius + 8.0 * channels * options.Bins;
    }

    /// <summary>Every level's reading, x2 first (training: the loss needs z, q, b and r).</summary>
    public IReadOnlyList<FgdlFaithfulLevel> ForwardTraining(Tensor x) => Run(x, LevelCount);

    public override Tensor Forward(Tensor x) => Run(x, LevelCount)[^1].Image;

    public IReadOnlyList<Tensor> ForwardLevels(Tensor x) => ForwardLevels(x, LevelCount);

    public IReadOnlyList<Tensor> ForwardLevels(Tensor x, int levels) => Run(x, levels).Select(l => l.Image).ToList();

    private List<FgdlFaithfulLevel> Run(Tensor x, int count)
    {
        SpatialOps.RequireInput(x, Channels, "LapSRN (faithful FGDL)");
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, LevelCount);
        var outputs = new List<FgdlFaithfulLevel>(count);
        var features = Ops.Conv2dLeakyRelu(x, _inputConv.Weight, _inputConv.Bias, _inputConv.Padding, _lapSrn.LeakySlope);
        var image = x;
        for (var i = 0; i < count; i++)
        {
            var (next, level) = ((FgdlFaithfulLevelModule)_levels[i]).Forward(features, image, FgdlOptions);
            outputs.Add(level);
            (features, image) = (next, level.Image);
        }
        return outputs;
    }
}
