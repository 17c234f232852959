using SuperRes.Tensors;

namespace SuperRes.Models.Fgdl;

/// <summary>Builds the network an FGDL reading trains around a plain network (what a model file's <c>fgdl</c> entry rebuilds).</summary>
public static class FgdlModels
{
    /// <summary>
    /// <see cref="FgdlFaithfulNetwork"/> for <see cref="FgdlVariant.Faithful"/>, else an
    /// <see cref="FgdlNetwork"/> with heads. Takes ownership of <paramref name="network"/>.
    /// </summary>
    public static SuperResolutionModel Create(SuperResolutionModel network, FgdlOptions options, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Variant == FgdlVariant.Faithful
            ? FgdlFaithfulNetwork.Create(network, options, rng)
            : FgdlNetwork.Create(network, options, rng);
    }
}
