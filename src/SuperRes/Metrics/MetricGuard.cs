using SuperRes.Processing;

namespace SuperRes.Metrics;

internal static class MetricGuard
{
    public static void SameSize(Plane a, Plane b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Width != b.Width || a.Height != b.Height)
            throw new ArgumentException($"Planes differ in size: {a.Width}x{a.Height} and {b.Width}x{b.Height}.");
    }
}
