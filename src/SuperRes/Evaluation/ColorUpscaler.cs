using SuperRes.Processing;

namespace SuperRes.Evaluation;

/// <summary>
/// Runs a <see cref="ISuperResolver"/> on colour planes, whatever it accepts: a luma-only method
/// gets Y of the YCbCr image and Cb, Cr are upscaled bicubically (as the SR papers do), then the
/// result goes back to RGB. Planes are in [0, 255] scale; nothing is rounded here.
/// </summary>
public static class ColorUpscaler
{
    public static Plane[] Upscale(ISuperResolver resolver, IReadOnlyList<Plane> colorPlanes, int scale)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(colorPlanes);
        if (colorPlanes.Count is not (1 or 3))
            throw new ArgumentException($"Expected 1 (gray) or 3 (RGB) planes, got {colorPlanes.Count}.", nameof(colorPlanes));

        Plane[] result;
        if (resolver.Input == SuperResolverInput.Color || colorPlanes.Count == 1)
        {
            result = resolver.Upscale(colorPlanes, scale);
        }
        else
        {
            var ycbcr = ColorConversion.RgbToYCbCr(colorPlanes);
            var y = resolver.Upscale([ycbcr[0]], scale);
            if (y.Length != 1) throw new InvalidOperationException($"Model {resolver.Name} returned {y.Length} planes for one Y plane.");
            var cb = Imresize.Resize(ycbcr[1], scale);
            var cr = Imresize.Resize(ycbcr[2], scale);
            CheckSize(resolver, y[0], cb.Width, cb.Height);
            result = ColorConversion.YCbCrToRgb([y[0], cb, cr]);
        }

        if (result.Length != colorPlanes.Count)
            throw new InvalidOperationException($"Model {resolver.Name} returned {result.Length} planes for {colorPlanes.Count}.");
        foreach (var plane in result)
            CheckSize(resolver, plane, colorPlanes[0].Width * scale, colorPlanes[0].Height * scale);
        return result;
    }

    private static void CheckSize(ISuperResolver resolver, Plane plane, int width, int height)
    {
        if (plane.Width != width || plane.Height != height)
            throw new InvalidOperationException($"Model {resolver.Name} returned a {plane.Width}x{plane.Height} plane; expected {width}x{height}.");
    }
}
