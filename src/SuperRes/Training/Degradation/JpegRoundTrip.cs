using SuperRes.Imaging;
using SuperRes.Imaging.Jpeg;
using SuperRes.Processing;

namespace SuperRes.Training.Degradation;

/// <summary>Compresses planes in [0, 255] as a baseline JPEG (4:2:0 for colour) with our encoder and decodes them with our decoder.</summary>
public static class JpegRoundTrip
{
    public static Plane[] Apply(IReadOnlyList<Plane> planes, int quality)
    {
        ArgumentNullException.ThrowIfNull(planes);
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        var image = ImagePlanes.Merge(planes, 8); // rounds and clips to 8 bits, as a saved file would be
        using var stream = new MemoryStream();
        JpegEncoder.Encode(image, stream, new JpegEncoderOptions { Quality = quality });
        var decoded = ImageCodecs.Decode(stream.ToArray(), "degradation.jpg");
        return ImagePlanes.Split(decoded).Take(planes.Count).ToArray();
    }
}
