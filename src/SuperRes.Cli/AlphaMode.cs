namespace SuperRes.Cli;

/// <summary><c>--alpha</c>: how the alpha plane is upscaled.</summary>
public enum AlphaMode
{
    /// <summary>MATLAB bicubic (the default: fast, soft edges).</summary>
    Bicubic,

    /// <summary>By the same network as a gray image, colour premultiplied before and un-premultiplied after (no dark fringes).</summary>
    Model,
}
