namespace SuperRes.Imaging;

/// <summary>The file formats <see cref="ImageCodecs"/> knows.</summary>
public enum ImageFileFormat
{
    Unknown,
    Png,
    Jpeg,
    Bmp,

    /// <summary>Binary PGM (P5) or PPM (P6).</summary>
    Pnm,
}
