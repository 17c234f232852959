using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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

    /// <summary>Per-thread switch to the scalar loops, the reference the vector ones are tested against (bit for bit).</summary>
    [ThreadStatic] internal static bool ScalarOnly;

    /// <summary>Resamples along dimension 1 (vertical): each output row mixes whole input rows.</summary>
    private static double[] ResizeColumns(double[] input, int width, int inHeight, ResizeWeights w)
    {
        var output = new double[(long)width * w.OutLength];
        bool scalar = ScalarOnly;
        Parallel.For(0, w.OutLength, y =>
        {
            var dst = output.AsSpan(y * width, width);
            for (var t = 0; t < w.Taps; t++)
            {
                var weight = w.Weights[y * w.Taps + t];
                if (weight == 0) continue;
                var src = input.AsSpan(w.Indices[y * w.Taps + t] * width, width);
                var x = 0;
                if (!scalar && Vector.IsHardwareAccelerated)
                {
                    // Multiply, then add (never fused): the scalar loop's two roundings, lane by lane.
                    var weights = new Vector<double>(weight);
                    for (; x <= width - Vector<double>.Count; x += Vector<double>.Count)
                        (new Vector<double>(dst[x..]) + weights * new Vector<double>(src[x..])).CopyTo(dst[x..]);
                }
                for (; x < width; x++) dst[x] += weight * src[x];
            }
        });
        return output;
    }

    /// <summary>Resamples along dimension 2 (horizontal), one row at a time.</summary>
    private static double[] ResizeRows(double[] input, int inWidth, int height, ResizeWeights w)
    {
        var outWidth = w.OutLength;
        var output = new double[(long)outWidth * height];
        if (!ScalarOnly && Avx2.IsSupported)
        {
            ResizeRowsGathered(input, inWidth, height, w, output);
            return output;
        }
        Parallel.For(0, height, y =>
        {
            var src = input.AsSpan(y * inWidth, inWidth);
            var dst = output.AsSpan(y * outWidth, outWidth);
            for (var x = 0; x < outWidth; x++) dst[x] = TapSum(w, src, x);
        });
        return output;
    }

    /// <summary>
    /// <see cref="ResizeRows"/> four outputs at a time: weights and indices regrouped tap by tap, the
    /// input gathered, and the taps summed in the same order with the same roundings as the scalar loop.
    /// </summary>
    private static unsafe void ResizeRowsGathered(double[] input, int inWidth, int height, ResizeWeights w, double[] output)
    {
        int outWidth = w.OutLength, taps = w.Taps, groups = outWidth / 4;
        var (weights, indices) = w.GroupedByFour(0, groups);
        Parallel.For(0, height, y =>
        {
            fixed (double* src = &input[(long)y * inWidth], dst = &output[(long)y * outWidth], wp = weights)
            fixed (int* ip = indices)
            {
                for (int g = 0; g < groups; g++) Avx.Store(dst + 4 * g, GatheredTapSum(src, wp, ip, g, taps));
                var row = new ReadOnlySpan<double>(src, inWidth);
                for (int x = 4 * groups; x < outWidth; x++) dst[x] = TapSum(w, row, x);
            }
        });
    }

    /// <summary>
    /// Four outputs of the horizontal pass, group <paramref name="group"/> of taps regrouped by
    /// <see cref="ResizeWeights.GroupedByFour"/>: the input gathered, the taps summed in the scalar
    /// loop's order with its roundings (AVX2 only).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe Vector256<double> GatheredTapSum(double* src, double* weights, int* indices, int group, int taps)
    {
        var sum = Vector256<double>.Zero;
        for (int t = 0; t < taps; t++)
        {
            int k = (group * taps + t) * 4;
            var values = Avx2.GatherVector256(src, Sse2.LoadVector128(indices + k), 8);
            sum = Avx.Add(sum, Avx.Multiply(Avx.LoadVector256(weights + k), values));
        }
        return sum;
    }

    /// <summary>Output <paramref name="x"/> of one row of the horizontal pass: its taps summed in order from 0.</summary>
    internal static double TapSum(ResizeWeights w, ReadOnlySpan<double> src, int x)
    {
        double sum = 0;
        var offset = x * w.Taps;
        for (var t = 0; t < w.Taps; t++) sum += w.Weights[offset + t] * src[w.Indices[offset + t]];
        return sum;
    }
}
