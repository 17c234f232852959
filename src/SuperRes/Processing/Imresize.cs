namespace SuperRes.Processing;

/// <summary>
/// MATLAB's <c>imresize</c> on float planes, reproduced exactly: weights from
/// <see cref="ResizeWeights"/> (antialiased kernels when shrinking, symmetric edge mirroring,
/// normalised to sum 1), output size <c>ceil(in * scale)</c>, and the dimensions resized in
/// MATLAB's order (<c>[~, order] = sort(scale)</c>: the smaller scale first, rows first on a tie).
/// Accumulates in double between and within the passes; rounds to float once at the end.
/// </summary>
public static class Imresize
{
    /// <summary>Resizes by <paramref name="scale"/> in both directions (MATLAB <c>imresize(A, scale)</c>).</summary>
    public static Plane Resize(Plane source, double scale, ResizeKernel? kernel = null) =>
        Resize(source, scale, scale, kernel);

    /// <summary>Resizes rows by <paramref name="scaleY"/> and columns by <paramref name="scaleX"/>; size <c>ceil(in * scale)</c>.</summary>
    public static Plane Resize(Plane source, double scaleY, double scaleX, ResizeKernel? kernel = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        CheckScale(scaleY, nameof(scaleY));
        CheckScale(scaleX, nameof(scaleX));
        var height = OutputLength(source.Height, scaleY);
        var width = OutputLength(source.Width, scaleX);
        return Resize(source, width, height, scaleX, scaleY, kernel ?? KnownResizeKernels.Bicubic, antialias: null);
    }

    /// <summary>Resizes to an exact size (MATLAB <c>imresize(A, [rows cols])</c>: scale = out / in per dimension).</summary>
    public static Plane ResizeTo(Plane source, int width, int height, ResizeKernel? kernel = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        return Resize(source, width, height, (double)width / source.Width, (double)height / source.Height,
            kernel ?? KnownResizeKernels.Bicubic, antialias: null);
    }

    /// <summary>
    /// The general form: explicit output size and scales, and <paramref name="antialias"/>
    /// (null: the kernel's MATLAB default).
    /// </summary>
    public static Plane Resize(Plane source, int width, int height, double scaleX, double scaleY, ResizeKernel kernel, bool? antialias)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(kernel);
        CheckScale(scaleY, nameof(scaleY));
        CheckScale(scaleX, nameof(scaleX));
        var aa = antialias ?? kernel.AntialiasWhenShrinking;
        var rows = ResizeWeights.Create(source.Height, height, scaleY, kernel, aa);
        var cols = ResizeWeights.Create(source.Width, width, scaleX, kernel, aa);

        var data = new double[source.Data.Length];
        for (var i = 0; i < data.Length; i++) data[i] = source.Data[i];
        double[] result;
        if (scaleY <= scaleX)
        {
            var tmp = ResizeColumns(data, source.Width, source.Height, rows);
            result = ResizeRows(tmp, source.Width, height, cols);
        }
        else
        {
            var tmp = ResizeRows(data, source.Width, source.Height, cols);
            result = ResizeColumns(tmp, width, source.Height, rows);
        }

        var output = new Plane(width, height);
        for (var i = 0; i < result.Length; i++) output.Data[i] = (float)result[i];
        return output;
    }

    /// <summary>Resizes every plane the same way.</summary>
    public static Plane[] Resize(IReadOnlyList<Plane> planes, double scale, ResizeKernel? kernel = null) =>
        planes.Select(p => Resize(p, scale, kernel)).ToArray();

    /// <summary>MATLAB's <c>ceil(scale * length)</c>, checked.</summary>
    public static int OutputLength(int inLength, double scale)
    {
        var length = Math.Ceiling(scale * inLength);
        if (length < 1 || length > int.MaxValue / 4)
            throw new ArgumentOutOfRangeException(nameof(scale), $"Scale {scale} turns length {inLength} into {length}.");
        return (int)length;
    }

    private static void CheckScale(double scale, string name)
    {
        if (!(scale > 0) || double.IsInfinity(scale))
            throw new ArgumentOutOfRangeException(name, $"Scale {scale} must be positive and finite.");
    }

    /// <summary>Resamples along dimension 1 (vertical): each output row mixes whole input rows.</summary>
    private static double[] ResizeColumns(double[] input, int width, int inHeight, ResizeWeights w)
    {
        var output = new double[(long)width * w.OutLength];
        Parallel.For(0, w.OutLength, y =>
        {
            var dst = output.AsSpan(y * width, width);
            for (var t = 0; t < w.Taps; t++)
            {
                var weight = w.Weights[y * w.Taps + t];
                if (weight == 0) continue;
                var src = input.AsSpan(w.Indices[y * w.Taps + t] * width, width);
                for (var x = 0; x < width; x++) dst[x] += weight * src[x];
            }
        });
        return output;
    }

    /// <summary>Resamples along dimension 2 (horizontal), one row at a time.</summary>
    private static double[] ResizeRows(double[] input, int inWidth, int height, ResizeWeights w)
    {
        var outWidth = w.OutLength;
        var output = new double[(long)outWidth * height];
        Parallel.For(0, height, y =>
        {
            var src = input.AsSpan(y * inWidth, inWidth);
            var dst = output.AsSpan(y * outWidth, outWidth);
            for (var x = 0; x < outWidth; x++)
            {
                double sum = 0;
                var offset = x * w.Taps;
                for (var t = 0; t < w.Taps; t++) sum += w.Weights[offset + t] * src[w.Indices[offset + t]];
                dst[x] = sum;
            }
        });
        return output;
    }
}
