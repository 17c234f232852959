using SuperRes.Evaluation;
using SuperRes.Processing;

namespace SuperRes.Inference;

/// <summary>
/// Runs an <see cref="IInferenceNetwork"/> as an <see cref="ISuperResolver"/> through an
/// <see cref="Upscaler"/> (the path `superres upscale` takes too): planes in [0, 255] are tiled,
/// run in [0, 1] and scaled back (unrounded, unclipped: the protocol does that). A pyramid
/// network serves every level.
/// </summary>
public sealed class NetworkSuperResolver(IInferenceNetwork network, string? name = null, UpscalerOptions? options = null) : ISuperResolver
{
    private readonly Dictionary<int, Upscaler> _upscalers = new();

    public IInferenceNetwork Network { get; } = network ?? throw new ArgumentNullException(nameof(network));

    public string Name { get; } = name ?? network.Name;

    public SuperResolverInput Input => Network.Channels == 1 ? SuperResolverInput.Luma : SuperResolverInput.Color;

    public Plane[] Upscale(IReadOnlyList<Plane> lowResolution, int scale)
    {
        ArgumentNullException.ThrowIfNull(lowResolution);
        if (!Network.Scales.Contains(scale))
            throw new ArgumentException($"{Name} upscales by {string.Join(" or ", Network.Scales)}, not {scale}.", nameof(scale));
        if (lowResolution.Count != Network.Channels)
            throw new ArgumentException($"{Name} takes {Network.Channels} plane(s), got {lowResolution.Count}.", nameof(lowResolution));
        if (!_upscalers.TryGetValue(scale, out var upscaler))
            _upscalers[scale] = upscaler = new Upscaler(Network, scale, options);
        return upscaler.UpscalePlanes(lowResolution);
    }
}
