using SuperRes.Tensors;

namespace SuperRes.Models.Fgdl;

/// <summary>What a network exposes at one output level for the FGDL heads.</summary>
/// <param name="Features">The last feature map at the level's resolution, [n, f, H, W].</param>
/// <param name="Upsampled">The level's upsampled image (LapSRN's image branch; bicubic input for VDSR-like nets), [n, c, H, W].</param>
/// <param name="Output">The network's own prediction at this level, [n, c, H, W].</param>
public sealed record FeatureLevel(Tensor Features, Tensor Upsampled, Tensor Output);
