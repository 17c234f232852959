using System.Runtime.InteropServices;

namespace SuperRes.Tensors;

/// <summary>
/// Size-bucketed pool of 64-byte-aligned native buffers. Training steps repeat the same shapes,
/// so exact-length buckets reach a steady state where nothing is allocated. When no buffer of the
/// exact length is free, the smallest free one of up to <see cref="MaxOversize"/> times the length
/// is taken: an inference pass frees large feature maps that later, smaller tensors can use, and
/// every fresh buffer costs its first touch of each page (on the development VM about 0.4 ms a MB).
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

    /// <summary>A free buffer up to this many times the length asked for may serve it.</summary>
    public const int MaxOversize = 2;

    /// <summary>A buffer of at least <paramref name="length"/> floats; <paramref name="capacity"/> is its real length, to give back to <see cref="Return"/>.</summary>
    internal static float* Rent(int length, out int capacity)
    {
        lock (Gate)
        {
            capacity = length;
            if (!Buckets.TryGetValue(length, out var stack) || stack.Count == 0)
            {
                stack = null;
                long limit = (long)length * MaxOversize;
                foreach (var (size, candidate) in Buckets)
                    if (size > length && size <= limit && candidate.Count > 0 && (stack is null || size < capacity))
                        (capacity, stack) = (size, candidate);
            }
            if (stack is not null)
            {
                _pooledBytes -= Bytes(capacity);
                return (float*)stack.Pop();
            }
        }
        Interlocked.Increment(ref _allocations);
        return (float*)NativeMemory.AlignedAlloc((nuint)Bytes(length), 64);
    }

    /// <summary>Takes back a buffer of <paramref name="capacity"/> floats (the capacity <see cref="Rent"/> gave).</summary>
    internal static void Return(float* data, int capacity)
    {
        lock (Gate)
        {
            if (_pooledBytes + Bytes(capacity) <= MaxPooledBytes)
            {
                if (!Buckets.TryGetValue(capacity, out var stack)) Buckets[capacity] = stack = new Stack<nint>();
                stack.Push((nint)data);
                _pooledBytes += Bytes(capacity);
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
