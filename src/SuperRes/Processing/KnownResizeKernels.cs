namespace SuperRes.Processing;

/// <summary>The kernels of MATLAB's <c>imresize</c>, with MATLAB's exact definitions.</summary>
public static class KnownResizeKernels
{
    /// <summary>Keys cubic convolution, a = -0.5, width 4.</summary>
    public static ResizeKernel Bicubic { get; } = new("bicubic", 4, true, Cubic);

    /// <summary>Triangle, width 2.</summary>
    public static ResizeKernel Bilinear { get; } = new("bilinear", 2, true, Triangle);

    /// <summary>Box on [-0.5, 0.5), width 1, never antialiased (MATLAB's default for 'nearest').</summary>
    public static ResizeKernel Nearest { get; } = new("nearest", 1, false, Box);

    public static IReadOnlyList<ResizeKernel> All { get; } = [Bicubic, Bilinear, Nearest];

    /// <summary>The kernel called <paramref name="name"/> (case-insensitive), or an exception listing the choices.</summary>
    public static ResizeKernel FromName(string name) =>
        All.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown resize kernel '{name}'; expected one of: {string.Join(", ", All.Select(k => k.Name))}.", nameof(name));

    internal static double Cubic(double x)
    {
        var a = Math.Abs(x);
        var a2 = a * a;
        var a3 = a2 * a;
        if (a <= 1) return 1.5 * a3 - 2.5 * a2 + 1;
        if (a <= 2) return -0.5 * a3 + 2.5 * a2 - 4 * a + 2;
        return 0;
    }

    internal static double Triangle(double x)
    {
        if (x >= -1 && x < 0) return x + 1;
        if (x >= 0 && x <= 1) return 1 - x;
        return 0;
    }

    internal static double Box(double x) => x >= -0.5 && x < 0.5 ? 1 : 0;
}
