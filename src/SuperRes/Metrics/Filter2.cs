using SuperRes.Processing;

namespace SuperRes.Metrics;

/// <summary>MATLAB's <c>filter2(h, X, 'valid')</c>: 2-D correlation over the positions where h fits, in double.</summary>
public static class Filter2
{
    /// <summary>Output is (H - kh + 1) x (W - kw + 1), row-major; <paramref name="width"/>/<paramref name="height"/> describe <paramref name="input"/>.</summary>
    public static double[] Valid(double[,] kernel, double[] input, int width, int height, out int outWidth, out int outHeight)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(input);
        int kh = kernel.GetLength(0), kw = kernel.GetLength(1);
        if (width < kw || height < kh)
            throw new ArgumentException($"A {width}x{height} image is smaller than the {kw}x{kh} filter.");
        if (input.Length != (long)width * height) throw new ArgumentException("Input length does not match its size.", nameof(input));
        var ow = width - kw + 1;
        var oh = height - kh + 1;
        var output = new double[(long)ow * oh];
        var flat = new double[kh * kw];
        for (var r = 0; r < kh; r++)
            for (var c = 0; c < kw; c++)
                flat[r * kw + c] = kernel[r, c];
        Parallel.For(0, oh, y =>
        {
            var dst = output.AsSpan(y * ow, ow);
            for (var r = 0; r < kh; r++)
            {
                var row = input.AsSpan((y + r) * width, width);
                for (var c = 0; c < kw; c++)
                {
                    var k = flat[r * kw + c];
                    if (k == 0) continue;
                    var src = row.Slice(c, ow);
                    for (var x = 0; x < ow; x++) dst[x] += k * src[x];
                }
            }
        });
        outWidth = ow;
        outHeight = oh;
        return output;
    }

    internal static double[] ToDouble(Plane plane)
    {
        var result = new double[plane.Data.Length];
        for (var i = 0; i < result.Length; i++) result[i] = plane.Data[i];
        return result;
    }
}
