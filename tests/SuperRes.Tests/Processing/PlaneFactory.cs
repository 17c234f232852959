using SuperRes.Processing;

namespace SuperRes.Tests.Processing;

/// <summary>Seeded generated planes for tests.</summary>
internal static class PlaneFactory
{
    public static Plane Random(int width, int height, int seed, float max = 255)
    {
        var random = new Random(seed);
        var plane = new Plane(width, height);
        for (var i = 0; i < plane.Data.Length; i++) plane.Data[i] = (float)(random.NextDouble() * max);
        return plane;
    }

    public static Plane FromRows(params float[][] rows)
    {
        var plane = new Plane(rows[0].Length, rows.Length);
        for (var y = 0; y < rows.Length; y++)
            for (var x = 0; x < rows[y].Length; x++)
                plane[x, y] = rows[y][x];
        return plane;
    }

    public static Plane Transpose(Plane p)
    {
        var t = new Plane(p.Height, p.Width);
        for (var y = 0; y < p.Height; y++)
            for (var x = 0; x < p.Width; x++)
                t[y, x] = p[x, y];
        return t;
    }

    public static Plane FlipHorizontal(Plane p)
    {
        var f = new Plane(p.Width, p.Height);
        for (var y = 0; y < p.Height; y++)
            for (var x = 0; x < p.Width; x++)
                f[p.Width - 1 - x, y] = p[x, y];
        return f;
    }

    public static void AssertClose(Plane expected, Plane actual, double tolerance)
    {
        Assert.Equal(expected.Width, actual.Width);
        Assert.Equal(expected.Height, actual.Height);
        for (var i = 0; i < expected.Data.Length; i++)
            Assert.True(Math.Abs(expected.Data[i] - actual.Data[i]) <= tolerance,
                $"At {i % expected.Width},{i / expected.Width}: expected {expected.Data[i]}, got {actual.Data[i]}");
    }
}
