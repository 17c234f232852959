using SuperRes.Models;
using SuperRes.Tensors;

namespace SuperRes.Losses;

/// <summary>
/// <see cref="IFeatureLevels"/> for <see cref="LapSrn"/>: runs the same layers as
/// <see cref="LapSrn.ForwardLevels"/> but keeps, at every level, the features after the transposed
/// conv and the image branch's upsampled image beside the level's output.
/// </summary>
public sealed class LapSrnFeatureLevels(LapSrn network) : IFeatureLevels
{
    public LapSrn Network { get; } = network ?? throw new ArgumentNullException(nameof(network));

    public int FeatureChannels => ((LapSrnOptions)Network.Options).Width;

    public int ImageChannels => Network.Channels;

    public int LevelCount => Network.LevelCount;

    public IReadOnlyList<FeatureLevel> ForwardFeatureLevels(Tensor input) => ForwardFeatureLevels(input, LevelCount);

    public IReadOnlyList<FeatureLevel> ForwardFeatureLevels(Tensor input, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, LevelCount);
        var options = (LapSrnOptions)Network.Options;
        var levels = new List<FeatureLevel>(count);
        var features = Ops.LeakyRelu(Network.InputConv.Forward(input), options.LeakySlope);
        var image = input;
        for (var i = 0; i < count; i++)
        {
            var level = Network.Level(i);
            var f = features;
            for (var j = 0; j < level.Convs.Count; j++) f = Ops.LeakyRelu(level.Convs[j].Forward(f), options.LeakySlope);
            f = Ops.LeakyRelu(SpatialOps.Crop(level.UpConv.Forward(f), 0, 1, 0, 1), options.LeakySlope);
            var upsampled = level.ImageUp.Forward(image);
            var output = Ops.Add(upsampled, level.Residual.Forward(f));
            levels.Add(new FeatureLevel(f, upsampled, output));
            features = f;
            image = output;
        }
        return levels;
    }
}
