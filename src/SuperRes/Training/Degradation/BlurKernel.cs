namespace SuperRes.Training.Degradation;

/// <summary>A square, odd-sided convolution kernel, row by row, centred at (Size / 2, Size / 2); it sums to 1.</summary>
public sealed record BlurKernel(int Size, double[] Weights)
{
    public double this[int x, int y] => Weights[y * Size + x];

    /// <summary>The 1x1 kernel that leaves an image as it is.</summary>
    public static BlurKernel Identity { get; } = new(1, [1.0]);
}
