namespace SuperRes.Tensors.Kernels;

/// <summary>Where a sub-pixel phase conv writes: the interleaved output [N, Channels, Height, Width], its stride and crops.</summary>
internal readonly unsafe struct SubPixelTarget(float* output, int channels, int height, int width, int stride, int cropTop, int cropLeft)
{
    public float* Output { get; } = output;
    public int Channels { get; } = channels;
    public int Height { get; } = height;
    public int Width { get; } = width;
    public int Stride { get; } = stride;
    public int CropTop { get; } = cropTop;
    public int CropLeft { get; } = cropLeft;
}
