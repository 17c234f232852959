namespace SuperRes.Processing;

/// <summary>
/// The weight table of one dimension of a resize, built like MATLAB's <c>contributions</c>:
/// output pixel i (1-based) maps to u = i/scale + (1 - 1/scale)/2; it takes the input pixels
/// floor(u - w/2) .. +ceil(w)+1 with weights h(u - j), normalised to sum 1, where h is the kernel,
/// stretched to scale*k(scale*x) with width w/scale when shrinking with antialiasing. Indices
/// outside the input are mirrored symmetrically (1,2,..,n,n,..,1 repeating).
/// </summary>
internal sealed class ResizeWeights
{
    private ResizeWeights(int outLength, int taps, int[] indices, double[] weights)
    {
        OutLength = outLength;
        Taps = taps;
        Indices = indices;
        Weights = weights;
    }

    public int OutLength { get; }

    /// <summary>Entries per output pixel.</summary>
    public int Taps { get; }

    /// <summary>0-based input index of tap t of output i at <c>i * Taps + t</c>.</summary>
    public int[] Indices { get; }

    public double[] Weights { get; }

    public static ResizeWeights Create(int inLength, int outLength, double scale, ResizeKernel kernel, bool antialias)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outLength);
        if (!(scale > 0) || double.IsInfinity(scale)) throw new ArgumentOutOfRangeException(nameof(scale), $"Scale {scale} must be positive and finite.");

        var stretch = scale < 1 && antialias;
        var width = stretch ? kernel.Width / scale : kernel.Width;
        var taps = (int)Math.Ceiling(width) + 2;
        var indices = new int[outLength * taps];
        var weights = new double[outLength * taps];
        var period = 2 * inLength;
        for (var i = 0; i < outLength; i++)
        {
            var u = (i + 1) / scale + 0.5 * (1 - 1 / scale);
            var left = Math.Floor(u - width / 2);
            double sum = 0;
            for (var t = 0; t < taps; t++)
            {
                var j = left + t;
                var x = u - j;
                var w = stretch ? scale * kernel.Evaluate(scale * x) : kernel.Evaluate(x);
                weights[i * taps + t] = w;
                sum += w;
                indices[i * taps + t] = Mirror((long)j, inLength, period);
            }
            if (sum == 0) throw new InvalidOperationException($"Resize kernel {kernel.Name} gives no weight to output pixel {i}.");
            for (var t = 0; t < taps; t++) weights[i * taps + t] /= sum;
        }
        return new ResizeWeights(outLength, taps, indices, weights);
    }

    /// <summary>
    /// The taps of outputs <paramref name="first"/> .. <paramref name="first"/> + 4 <paramref name="groups"/> - 1
    /// regrouped for gathers: entry (g * Taps + t) * 4 + lane is tap t of output first + 4g + lane.
    /// </summary>
    public (double[] Weights, int[] Indices) GroupedByFour(int first, int groups)
    {
        var weights = new double[groups * Taps * 4];
        var indices = new int[groups * Taps * 4];
        for (int g = 0; g < groups; g++)
            for (int t = 0; t < Taps; t++)
                for (int lane = 0; lane < 4; lane++)
                {
                    weights[(g * Taps + t) * 4 + lane] = Weights[(first + 4 * g + lane) * Taps + t];
                    indices[(g * Taps + t) * 4 + lane] = Indices[(first + 4 * g + lane) * Taps + t];
                }
        return (weights, indices);
    }

    /// <summary>MATLAB's aux = [1:n, n:-1:1]; aux(mod(j-1, 2n)+1), returned 0-based.</summary>
    private static int Mirror(long oneBased, int length, int period)
    {
        var k = (int)(((oneBased - 1) % period + period) % period);
        return k < length ? k : period - 1 - k;
    }
}
