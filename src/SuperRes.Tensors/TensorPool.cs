using System.Runtime.InteropServices;

namespace SuperRes.Tensors;

/// <summary>
/// Size-bucketed pool of 64-byte-aligned native buffers. Training steps repeat the same shapes,
/// so exact-length buckets reach a steady state where nothing is allocated.
/// </summary>
public static unsafe class TensorPool
{
    private static readonly Dictionary<int, Stack<nint>> Buckets = new();
    private static readonly Lock Gate = new();
    private static long _pooledBytes;

    /// <summary>Buffers beyond this many pooled bytes are freed instead of kept.</summary>
    public static long MaxPooledBytes { get; set; } = 2L << 30;

    public static long PooledBytes => Interlocked.Read(ref _pooledBytes);

    /// <summary>
    /// Bytes of native scratch the conv kernels hold (padded inputs, transform buffers; per thread,
    /// grow-only until <see cref="Trim"/>): with <see cref="PooledBytes"/>, a forward pass's working set.
    /// </summary>
    public static long ScratchBytes => Kernels.NativeScratch.TotalBytes;

    /// <summary>Number of native allocations made so far (for tests of reuse).</summary>
    public static long AllocationCount => Interlocked.Read(ref _allocations);
    private static long _allocations;

    internal static float* Rent(int length)
    {
        lock (Gate)
        {
            if (Buckets.TryGetValue(length, out var stack) && stack.Count > 0)
            {
                _pooledBytes -= Bytes(length);
                return (float*)stack.Pop();
            }
        }
        Interlocked.Increment(ref _allocations);
        return (float*)NativeMemory.AlignedAlloc((nuint)Bytes(length), 64);
    }

    internal static void Return(float* data, int length)
    {
        lock (Gate)
        {
            if (_pooledBytes + Bytes(length) <= MaxPooledBytes)
            {
                if (!Buckets.TryGetValue(length, out var stack)) Buckets[length] = stack = new Stack<nint>();
                stack.Push((nint)data);
                _pooledBytes += Bytes(length);
                return;
            }
        }
        NativeMemory.AlignedFree(data);
    }

    /// <summary>Frees every pooled buffer and the calling thread's kernel scratch (e.g. after inference on an unusual image size).</summary>
    public static void Trim()
    {
        Kernels.NativeScratch.FreeCurrentThread();
        lock (Gate)
        {
            foreach (var stack in Buckets.Values)
                while (stack.Count > 0) NativeMemory.AlignedFree((void*)stack.Pop());
            Buckets.Clear();
            _pooledBytes = 0;
        }
    }

    private static long Bytes(int length) => Math.Max(64, ((long)length * sizeof(float) + 63) & ~63L);
}
