using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SuperRes.Tensors.Kernels;

/// <summary>
/// Copies and zeroes short runs of floats with the CPU's widest vectors, for the kernels' per-row
/// copies. Span's CopyTo and Clear run the runtime's precompiled memmove, which is legacy SSE code:
/// called from the AVX-512 kernels it paid for mixing the two on every instruction, and a short
/// process ends before tiering replaces it (the ragged ends of the Winograd output rows took 47 ms
/// of CPU in the README job's single pass). These are compiled with the caller, for the CPU.
/// </summary>
internal static unsafe class FloatRuns
{
    /// <summary>Copies <paramref name="count"/> floats from <paramref name="source"/> to a destination that does not overlap it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Copy(float* source, float* destination, int count)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; i <= count - 16; i += 16) Vector512.Store(Vector512.Load(source + i), destination + i);
        else if (Vector256.IsHardwareAccelerated)
            for (; i <= count - 8; i += 8) Vector256.Store(Vector256.Load(source + i), destination + i);
        for (; i < count; i++) destination[i] = source[i];
    }

    /// <summary>Sets <paramref name="count"/> floats to zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Zero(float* destination, int count)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; i <= count - 16; i += 16) Vector512.Store(Vector512<float>.Zero, destination + i);
        else if (Vector256.IsHardwareAccelerated)
            for (; i <= count - 8; i += 8) Vector256.Store(Vector256<float>.Zero, destination + i);
        for (; i < count; i++) destination[i] = 0;
    }
}
