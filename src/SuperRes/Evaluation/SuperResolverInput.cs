namespace SuperRes.Evaluation;

/// <summary>What a <see cref="ISuperResolver"/> is given.</summary>
public enum SuperResolverInput
{
    /// <summary>The Y plane of the LR image (the image itself when gray); Cb and Cr are upscaled bicubically around it.</summary>
    Luma,

    /// <summary>The LR image's colour planes as they are: 3 (R, G, B) or 1 (gray).</summary>
    Color,
}
