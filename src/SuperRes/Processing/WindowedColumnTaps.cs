using System.Runtime.CompilerServices;
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
/// The taps before a block's first weight other than zero and after its last are left out, which
/// changes no sum of finite inputs (the sum starts at +0, and +0 + 0 * v is +0; x + 0 * v is x, and
/// a sum from +0 is never -0; an infinite or NaN input there would make TapSum's sum NaN). The
/// merge's chroma is always finite. Blocks whose inputs do not fit one window, and the last outputs
/// when fewer than 8 remain, take the scalar loop. When every windowed block has the same lanes and
/// the same 4 weights per output (a bicubic upscale by 2, 4 or 8, where the pattern repeats every
/// 8 outputs and the weights are exact), those stay in registers.
/// </summary>
internal sealed class WindowedColumnTaps
{
    private const int Lanes = 8;

    private readonly ResizeWeights _weights;
    private readonly int _first, _count;
    private readonly int[] _starts; // per block: the window's first input, -1 when its inputs do not fit one window
    private readonly int[] _tapStarts; // per block: its first tap with a weight other than zero
    private readonly int[] _tapEnds; // per block: one past its last tap with a weight other than zero
    private readonly bool _alike; // every windowed block: the same lanes, and the same 4 taps with the same weights
    private readonly long[] _lanes; // per block: which input of the window each output takes
    private readonly double[] _blockWeights; // per block and tap: the 8 outputs' weights

    /// <summary>Whether every windowed block is alike, so that <see cref="Apply"/> keeps its weights in registers (for tests).</summary>
    internal bool IsAlike => _alike;

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
        _tapStarts = new int[blocks];
        _tapEnds = new int[blocks];
        _lanes = new long[blocks * Lanes];
        _blockWeights = new double[blocks * taps * Lanes];
        for (int b = 0; b < blocks; b++)
        {
            int output0 = first + b * Lanes;
            int start = int.MaxValue;
            for (int j = 0; j < Lanes; j++) start = Math.Min(start, weights.Indices[(output0 + j) * taps]);
            bool windowed = start + taps - 1 + Lanes <= inputLength;
            int tapStart = taps, tapEnd = 0;
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
                    if (weight != 0) (tapStart, tapEnd) = (Math.Min(tapStart, t), Math.Max(tapEnd, t + 1));
                }
            }
            _starts[b] = windowed ? start : -1;
            (_tapStarts[b], _tapEnds[b]) = tapEnd > 0 ? (tapStart, tapEnd) : (0, 0);
        }
        _alike = Alike(blocks, taps);
    }

    /// <summary>Whether every windowed block takes 4 taps, with the lanes and weights of the first one (compared exactly).</summary>
    private bool Alike(int blocks, int taps)
    {
        int first = Array.FindIndex(_starts, start => start >= 0);
        if (first < 0 || _tapEnds[first] - _tapStarts[first] != 4) return false;
        for (int b = first + 1; b < blocks; b++)
        {
            if (_starts[b] < 0) continue;
            if (_tapStarts[b] != _tapStarts[first] || _tapEnds[b] != _tapEnds[first]) return false;
            if (!_lanes.AsSpan(b * Lanes, Lanes).SequenceEqual(_lanes.AsSpan(first * Lanes, Lanes))) return false;
            for (int k = 0; k < taps * Lanes; k++)
                if (BitConverter.DoubleToInt64Bits(_blockWeights[b * taps * Lanes + k]) != BitConverter.DoubleToInt64Bits(_blockWeights[first * taps * Lanes + k]))
                    return false;
        }
        return true;
    }

    /// <summary>Outputs <c>first</c> .. <c>first + count - 1</c> of the pass on one row, rounded to float.</summary>
    public void Apply(ReadOnlySpan<double> input, Span<float> output)
    {
        if (!IsSupported) throw new PlatformNotSupportedException("The windowed pass needs AVX-512.");
        if (output.Length < _count) throw new ArgumentException($"The output row holds {output.Length} values, not {_count}.", nameof(output));
        ref double source = ref MemoryMarshal.GetReference(input);
        ref double weights = ref MemoryMarshal.GetReference(_blockWeights.AsSpan());
        int taps = _weights.Taps, blocks = _starts.Length;
        if (_alike)
        {
            ApplyAlike(input, output);
            return;
        }
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
            for (int t = _tapStarts[b], end = _tapEnds[b]; t < end; t++)
            {
                var window = Vector512.LoadUnsafe(ref source, (nuint)(start + t));
                var weight = Vector512.LoadUnsafe(ref weights, (nuint)((b * taps + t) * Lanes));
                sum = Avx512F.Add(sum, Avx512F.Multiply(weight, Avx512F.PermuteVar8x64(window, lanes)));
            }
            Avx512F.ConvertToVector256Single(sum).StoreUnsafe(ref MemoryMarshal.GetReference(output), (nuint)(b * Lanes));
        }
        for (int i = blocks * Lanes; i < _count; i++) output[i] = (float)Imresize.TapSum(_weights, input, _first + i);
    }

    /// <summary><see cref="Apply"/> when every windowed block is alike: its 4 weight vectors and lanes loaded once.</summary>
    private void ApplyAlike(ReadOnlySpan<double> input, Span<float> output)
    {
        int first = Array.FindIndex(_starts, start => start >= 0), taps = _weights.Taps, blocks = _starts.Length, t0 = _tapStarts[first];
        ref double source = ref MemoryMarshal.GetReference(input);
        ref double weights = ref _blockWeights[first * taps * Lanes];
        var lanes = Vector512.LoadUnsafe(ref _lanes[first * Lanes]);
        var (w0, w1, w2, w3) = (Vector512.LoadUnsafe(ref weights, (nuint)(t0 * Lanes)), Vector512.LoadUnsafe(ref weights, (nuint)((t0 + 1) * Lanes)),
            Vector512.LoadUnsafe(ref weights, (nuint)((t0 + 2) * Lanes)), Vector512.LoadUnsafe(ref weights, (nuint)((t0 + 3) * Lanes)));
        ref int starts = ref MemoryMarshal.GetArrayDataReference(_starts);
        for (int b = 0; b < blocks; b++)
        {
            int start = Unsafe.Add(ref starts, b);
            if (start < 0 || start + taps - 1 + Lanes > input.Length)
            {
                for (int j = 0; j < Lanes; j++) output[b * Lanes + j] = (float)Imresize.TapSum(_weights, input, _first + b * Lanes + j);
                continue;
            }
            // From +0, in tap order: the sums Apply makes.
            ref double window = ref Unsafe.Add(ref source, start + t0);
            var sum = Avx512F.Add(Vector512<double>.Zero, Avx512F.Multiply(w0, Avx512F.PermuteVar8x64(Vector512.LoadUnsafe(ref window), lanes)));
            sum = Avx512F.Add(sum, Avx512F.Multiply(w1, Avx512F.PermuteVar8x64(Vector512.LoadUnsafe(ref window, 1), lanes)));
            sum = Avx512F.Add(sum, Avx512F.Multiply(w2, Avx512F.PermuteVar8x64(Vector512.LoadUnsafe(ref window, 2), lanes)));
            sum = Avx512F.Add(sum, Avx512F.Multiply(w3, Avx512F.PermuteVar8x64(Vector512.LoadUnsafe(ref window, 3), lanes)));
            Avx512F.ConvertToVector256Single(sum).StoreUnsafe(ref MemoryMarshal.GetReference(output), (nuint)(b * Lanes));
        }
        for (int i = blocks * Lanes; i < _count; i++) output[i] = (float)Imresize.TapSum(_weights, input, _first + i);
    }
}
