namespace SuperRes.Imaging.Png;

/// <summary>PNG encoder for a whole <see cref="Image"/>: 8/16-bit gray, gray+alpha, RGB and RGBA (see <see cref="PngRowWriter"/>).</summary>
internal static class PngEncoder
{
    public static void Encode(Image image, Stream output, PngCompression? compression = null)
    {
        using var writer = new PngRowWriter(output, image.Width, image.Height, image.Channels, image.BitDepth, compression);
        writer.WriteRows(image);
        writer.Finish();
    }
}
