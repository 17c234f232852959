namespace SuperRes.Inference;

/// <summary>
/// One tile in low-resolution pixels: the core it contributes to the output and the padded
/// region (core plus overlap, clipped to the image) the network sees.
/// </summary>
internal readonly record struct Tile(int CoreX, int CoreY, int CoreWidth, int CoreHeight, int X, int Y, int Width, int Height)
{
    public long Area => (long)Width * Height;
}
