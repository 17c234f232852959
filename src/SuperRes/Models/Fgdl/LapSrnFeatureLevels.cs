using SuperRes.Tensors;

namespace SuperRes.Models.Fgdl;

/// <summary>
/// <see cref="IFeatureLevels"/> for <see cref="LapSrn"/>: the same level forward pass as
/// <see cref="LapSrn.ForwardLevels(SuperRes.Tensors.Tensor)"/> (<see cref="LapSrnLevel.ForwardParts(SuperRes.Tensors.Tensor, SuperRes.Tensors.Tensor)"/>), keeping at every
/// level the features after the transposed conv and the image branch's upsampled image beside the
/// level's output.
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
            var (f, upscaled, output) = Network.Level(i).ForwardParts(features, image);
            levels.Add(new FeatureLevel(f, upscaled, output));
            features = f;
            image = output;
        }
        return levels;
    }
}
