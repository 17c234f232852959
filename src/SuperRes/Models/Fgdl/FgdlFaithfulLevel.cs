using SuperRes.Tensors;

namespace SuperRes.Models.Fgdl;

/// <summary>
/// One level of the faithful FGDL reading (<see cref="FgdlFaithfulReadout"/>), channels and pixels
/// flattened into groups: g = n*C + c, P = h*w.
/// </summary>
/// <param name="Logits">z, [n*C, K, P]: the conv's logits minus the prior around the upsampled image.</param>
/// <param name="RadiusLogits">The Class-Module's logits [n*C, R+1, P], or null under the tau rule.</param>
/// <param name="Image">y_hat [n, C, h, w]: the soft-argmax inside the area.</param>
/// <param name="Bins">b = argmax z per group and pixel (g*P + p).</param>
/// <param name="Radius">r per group and pixel: max(1, argmax q) or max(1, the tau rule).</param>
/// <param name="Upsampled">u [n, C, h, w]: the level's upsampled image, the prior's centre.</param>
public sealed record FgdlFaithfulLevel(Tensor Logits, Tensor? RadiusLogits, Tensor Image, int[] Bins, int[] Radius, Tensor Upsampled);
