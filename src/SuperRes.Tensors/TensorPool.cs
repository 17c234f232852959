using System.Runtime.InteropServices;

namespace SuperRes.Tensors;

/// <summary>
/// Size-bucketed pool of 64-byte-aligned native buffers. Training steps repeat the same shapes,
/// so exact-length buckets reach a steady state where nothing is allocated. When no buffer of the
/// exact length is free, the smallest free one of up to <see cref="MaxOversize"/> times the length
/// is taken: an inference pass frees large feature maps that later, smaller tensors can use, and
/// every fresh buffer costs its first touch of each page (on the development VM about 0.4 ms a MB),
/// which <see cref="Prefault"/> can have a spare core pay ahead of a pass.
/// </summary>
public static unsafe class TensorPool
{
    private static readonly Dictionary<int, Stack<nint>> Buckets = new();
    private static readonly Lock Gate = new();
    private static long _pooledBytes;

    /// <summary>The block <see cref="Prefault"/> made, while new buffers may come from it.</summary>
    private static PrefaultedArena? _arena;

    /// <summary>Trimmed arenas whose pieces are not all back.</summary>
    private static readonly List<PrefaultedArena> Retired = [];

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
                var data = (float*)stack.Pop();
                if (_arena is { } owner && owner.Owns(data)) owner.Live++;
                return data;
            }
            if (_arena?.TryCarve(Bytes(length)) is { } piece) return (float*)piece;
        }
        Interlocked.Increment(ref _allocations);
        return (float*)NativeMemory.AlignedAlloc((nuint)Bytes(length), 64);
    }

    /// <summary>Takes back a buffer of <paramref name="capacity"/> floats (the capacity <see cref="Rent"/> gave).</summary>
    internal static void Return(float* data, int capacity)
    {
        lock (Gate)
        {
            bool arenaPiece = _arena is { } arena && arena.Owns(data);
            if (arenaPiece) _arena!.Live--;
            else if (ReleaseRetiredPiece(data)) return;
            // Arena pieces stay pooled whatever the limit: they cannot be freed one by one.
            if (arenaPiece || _pooledBytes + Bytes(capacity) <= MaxPooledBytes)
            {
                if (!Buckets.TryGetValue(capacity, out var stack)) Buckets[capacity] = stack = new Stack<nint>();
                stack.Push((nint)data);
                _pooledBytes += Bytes(capacity);
                return;
            }
        }
        NativeMemory.AlignedFree(data);
    }

    /// <summary>Frees a buffer that will not come back (a tensor's finalizer): an arena piece only counts as gone.</summary>
    internal static void Free(float* data)
    {
        lock (Gate)
        {
            if (_arena is { } arena && arena.Owns(data))
            {
                arena.Live--;
                return;
            }
            if (ReleaseRetiredPiece(data)) return;
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
                while (stack.Count > 0)
                {
                    var data = (void*)stack.Pop();
                    if (_arena?.Owns(data) != true) NativeMemory.AlignedFree(data);
                }
            Buckets.Clear();
            _pooledBytes = 0;
            if (_arena is { } arena)
            {
                // Pieces still rented keep the arena until the last comes back.
                if (arena.Live == 0) arena.Free();
                else Retired.Add(arena);
                _arena = null;
            }
        }
    }

    /// <summary>
    /// Starts writing every page of <paramref name="bytes"/> of fresh memory on a thread-pool thread,
    /// for the buffers the next pass will rent (<see cref="PrefaultedArena"/>): a fresh page costs
    /// its first write (on the development VM about 0.4 ms a MB), and a caller that knows the size of
    /// its next pass can have a spare core pay for that while it still reads and converts its image.
    /// Buffers are carved from the written part only; past it they are allocated as before. Does
    /// nothing while an arena is in use (until <see cref="Trim"/>), or for less than a megabyte.
    /// </summary>
    public static void Prefault(long bytes)
    {
        if (bytes < 1 << 20) return;
        PrefaultedArena arena;
        lock (Gate)
        {
            if (_arena is not null) return;
            try
            {
                _arena = arena = new PrefaultedArena(Math.Min(bytes, MaxPooledBytes));
            }
            catch (OutOfMemoryException)
            {
                return; // a hint, not a need: the pass allocates as it goes
            }
        }
        ThreadPool.UnsafeQueueUserWorkItem(static a => a.Touch(), arena, preferLocal: false);
    }

    /// <summary>Bytes of the arena <see cref="Prefault"/> made and how many are written so far, while it is in use (for tests).</summary>
    internal static (long Size, long Touched) Arena
    {
        get { lock (Gate) return _arena is { } a ? (a.Size, a.Touched) : (0, 0); }
    }

    /// <summary>Under the lock: when <paramref name="data"/> is a piece of a trimmed arena, counts it back and frees the arena with its last piece.</summary>
    private static bool ReleaseRetiredPiece(void* data)
    {
        for (int i = 0; i < Retired.Count; i++)
        {
            if (!Retired[i].Owns(data)) continue;
            if (--Retired[i].Live == 0)
            {
                Retired[i].Free();
                Retired.RemoveAt(i);
            }
            return true;
        }
        return false;
    }

    private static long Bytes(int length) => Math.Max(64, ((long)length * sizeof(float) + 63) & ~63L);
}
