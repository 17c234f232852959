namespace SuperRes.Models;

/// <summary>How <see cref="ResUNet"/> goes back up one level.</summary>
public enum ResUNetUpsampling
{
    /// <summary>4x4 transposed convolution of stride 2.</summary>
    TransposedConv,

    /// <summary>3x3 convolution to 4x channels and a pixel shuffle of 2.</summary>
    PixelShuffle,
}
