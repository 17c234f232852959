using SuperRes.Imaging;

namespace SuperRes.Processing;

/// <summary>
/// Resizes a whole <see cref="Image"/> with MATLAB's bicubic (<see cref="Imresize.ResizeTo"/> on each
/// plane, then <see cref="ImagePlanes.Merge"/>), handing the result out in full-width bands, top to
/// bottom, so neither the output nor float planes of the input exist whole. Bitwise equal to the
/// whole-image computation.
/// </summary>
public static class BandedImageResize
{
    /// <summary>Float values a band holds per channel when no band height is given (rows = this / width).</summary>
    public const int DefaultBandValues = 1 << 20;

    /// <summary>
    /// Resizes <paramref name="image"/> to <paramref name="width"/>x<paramref name="height"/> and gives
    /// <paramref name="writeBand"/> bands of <paramref name="bandRows"/> rows (0: about
    /// <see cref="DefaultBandValues"/> samples a channel), the last one lower. A band is reused for the next one.
    /// </summary>
    public static void Resize(Image image, int width, int height, Action<Image> writeBand, int bandRows = 0)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(writeBand);
        ArgumentOutOfRangeException.ThrowIfNegative(bandRows);
        var resizer = new BandResizer(image.Width, image.Height, width, height);
        int rows = bandRows > 0 ? Math.Min(bandRows, height) : Math.Clamp(DefaultBandValues / width, 1, height);
        int channels = image.Channels;
        double factor = 255.0 / image.MaxValue; // as ImagePlanes.Split
        Plane[]? planes = null;
        Image? band = null;
        for (int y = 0; y < height; y += rows)
        {
            int count = Math.Min(rows, height - y);
            if (band is null || band.Height != count)
            {
                band = new Image(width, count, channels, image.BitDepth);
                planes = Enumerable.Range(0, channels).Select(_ => new Plane(width, count)).ToArray();
            }
            for (int c = 0; c < channels; c++)
            {
                int channel = c;
                resizer.ResizeRows((r, values) => ReadRow(image, r, channel, factor, values), y, count, planes![c].Data);
            }
            ImagePlanes.MergeInto(planes!, 0, 0, width, count, band, 0, 0);
            writeBand(band);
        }
    }

    /// <summary>Row <paramref name="row"/> of channel <paramref name="channel"/> as the float plane of <see cref="ImagePlanes.Split(Image, double)"/> holds it, widened to double.</summary>
    private static void ReadRow(Image image, int row, int channel, double factor, double[] values)
    {
        int channels = image.Channels, start = row * image.Width * channels + channel;
        if (image.BitDepth == 8)
        {
            var samples = image.Samples8;
            for (int x = 0; x < values.Length; x++) values[x] = (float)(samples[start + x * channels] * factor);
        }
        else
        {
            var samples = image.Samples16;
            for (int x = 0; x < values.Length; x++) values[x] = (float)(samples[start + x * channels] * factor);
        }
    }
}
