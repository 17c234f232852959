using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SuperRes.Processing;

/// <summary>
/// A horizontal resize pass (<see cref="Imresize.TapSum"/> for each output) on 8 outputs at a time
/// without gathers, for AVX-512. Away from the mirrored borders, the inputs of 8 neighbouring
/// outputs lie in one window: output j takes inputs start + lane(j) + t for its taps t. So each tap
/// is one load of 8 inputs from start + t, a permute that hands each output its lane, a multiply
/// and an add, in the scalar loop's order with its roundings: the sums equal TapSum's bit for bit.
/// The taps after a block's last weight other than zero are left out, which changes no sum of
/// finite inputs (x + 0 * v is x, and a sum from +0 is never -0; an infinite or NaN input there
/// would make TapSum's sum NaN). The merge's chroma is always finite. Blocks whose inputs do not
/// fit one window, and the last outputs when fewer than 8 remain, take the scalar loop.
/// </summary>
internal sealed class WindowedColumnTaps
{
    private const int Lanes = 8;

    private readonly ResizeWeights _weights;
    private readonly int _first, _count;
    private readonly int[] _starts; // per block: the window's first input, -1 when its inputs do not fit one window
    private readonly int[] _tapEnds; // per block: one past its last tap with a weight other than zero
    private readonly long[] _lanes; // per block: which input of the window each output takes
    private readonly double[] _blockWeights; // per block and tap: the 8 outputs' weights

    /// <summary>Whether this machine runs the pass (AVX-512).</summary>
    public static bool IsSupported => Avx512F.IsSupported;

    /// <param name="weights">The pass's weights.</param>
    /// <param name="first">The first output column computed.</param>
    /// <param name="count">How many output columns, from <paramref name="first"/>.</param>
    /// <param name="inputLength">The length of an input row.</param>
    public WindowedColumnTaps(ResizeWeights weights, int first, int count, int inputLength)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (first < 0 || count < 0 || first + count > weights.OutLength)
            throw new ArgumentOutOfRangeException(nameof(count), $"Columns {first}..{first + count - 1} are not among the {weights.OutLength} outputs.");
        _weights = weights;
        _first = first;
        _count = count;
        int taps = weights.Taps, blocks = count / Lanes;
        _starts = new int[blocks];
        _tapEnds = new int[blocks];
        _lanes = new long[blocks * Lanes];
        _blockWeights = new double[blocks * taps * Lanes];
        for (int b = 0; b < blocks; b++)
        {
            int output0 = first + b * Lanes;
            int start = int.MaxValue;
            for (int j = 0; j < Lanes; j++) start = Math.Min(start, weights.Indices[(output0 + j) * taps]);
            bool windowed = start + taps - 1 + Lanes <= inputLength;
            int tapEnd = 0;
            for (int j = 0; j < Lanes; j++)
            {
                int lane = weights.Indices[(output0 + j) * taps] - start;
                windowed &= lane < Lanes;
                _lanes[b * Lanes + j] = lane;
                for (int t = 0; t < taps; t++)
                {
                    windowed &= weights.Indices[(output0 + j) * taps + t] == start + lane + t;
                    double weight = weights.Weights[(output0 + j) * taps + t];
                    _blockWeights[(b * taps + t) * Lanes + j] = weight;
                    if (weight != 0) tapEnd = Math.Max(tapEnd, t + 1);
                }
            }
            _starts[b] = windowed ? start : -1;
            _tapEnds[b] = tapEnd;
        }
    }

    /// <summary>Outputs <c>first</c> .. <c>first + count - 1</c> of the pass on one row, rounded to float.</summary>
    public void Apply(ReadOnlySpan<double> input, Span<float> output)
    {
        if (!IsSupported) throw new PlatformNotSupportedException("The windowed pass needs AVX-512.");
        if (output.Length < _count) throw new ArgumentException($"The output row holds {output.Length} values, not {_count}.", nameof(output));
        ref double source = ref MemoryMarshal.GetReference(input);
        ref double weights = ref MemoryMarshal.GetReference(_blockWeights.AsSpan());
        int taps = _weights.Taps, blocks = _starts.Length;
        for (int b = 0; b < blocks; b++)
        {
            int start = _starts[b];
            if (start < 0 || start + taps - 1 + Lanes > input.Length)
            {
                for (int j = 0; j < Lanes; j++) output[b * Lanes + j] = (float)Imresize.TapSum(_weights, input, _first + b * Lanes + j);
                continue;
            }
            var lanes = Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_lanes), (nuint)(b * Lanes));
            var sum = Vector512<double>.Zero;
            for (int t = 0, end = _tapEnds[b]; t < end; t++)
            {
                var window = Vector512.LoadUnsafe(ref source, (nuint)(start + t));
                var weight = Vector512.LoadUnsafe(ref weights, (nuint)((b * taps + t) * Lanes));
                sum = Avx512F.Add(sum, Avx512F.Multiply(weight, Avx512F.PermuteVar8x64(window, lanes)));
            }
            Avx512F.ConvertToVector256Single(sum).StoreUnsafe(ref MemoryMarshal.GetReference(output), (nuint)(b * Lanes));
        }
        for (int i = blocks * Lanes; i < _count; i++) output[i] = (float)Imresize.TapSum(_weights, input, _first + i);
    }
}
