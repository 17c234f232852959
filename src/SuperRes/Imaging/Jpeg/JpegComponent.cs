namespace SuperRes.Imaging.Jpeg;

/// <summary>One colour component of a frame: sampling factors, its coefficients and, after the IDCT, its samples.</summary>
internal sealed class JpegComponent
{
    public required int Id { get; init; }
    public required int H { get; init; }
    public required int V { get; init; }
    public required int QuantTableIndex { get; init; }

    /// <summary>Samples actually covering the image (libjpeg's downsampled_width/height).</summary>
    public int Width { get; set; }
    public int Height { get; set; }

    /// <summary>Blocks covering <see cref="Width"/> x <see cref="Height"/> (a non-interleaved scan's extent).</summary>
    public int BlocksWide { get; set; }
    public int BlocksHigh { get; set; }

    /// <summary>Blocks allocated: whole MCUs (an interleaved scan's extent).</summary>
    public int BlocksPerLine { get; set; }
    public int BlocksPerColumn { get; set; }

    /// <summary>64 coefficients per block, natural (row-major) order.</summary>
    public short[] Coefficients { get; set; } = [];

    /// <summary>Quantisation table (natural order), latched at the component's first scan.</summary>
    public ushort[]? Quant { get; set; }

    public int DcPredictor { get; set; }

    /// <summary>Decoded 8-bit samples, <see cref="BlocksPerLine"/>*8 wide (the stride).</summary>
    public byte[] Samples { get; set; } = [];

    /// <summary>Decoded 12-bit samples of a 12-bit frame (instead of <see cref="Samples"/>), same layout.</summary>
    public ushort[] WideSamples { get; set; } = [];
    public int Stride => BlocksPerLine * 8;

    public Span<short> Block(int row, int col) => Coefficients.AsSpan((row * BlocksPerLine + col) * 64, 64);
}
