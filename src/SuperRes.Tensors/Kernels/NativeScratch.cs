using System.Runtime.InteropServices;

namespace SuperRes.Tensors.Kernels;

/// <summary>
/// Per-thread, grow-only, 64-byte aligned native scratch buffers, so kernel calls allocate nothing
/// managed in steady state. A buffer stays valid until the same thread asks for the same slot again.
/// </summary>
internal static unsafe class NativeScratch
{
    public const int PaddedInput = 0, PackedWeights = 1, Offsets = 2, Transformed = 3, Partials = 4, GradCopy = 5;
    public const int WorkerColumns = 6, WorkerTiles = 7, PhaseWeights = 8, PhaseOutput = 9, WorkerSplit = 10;
    public const int WorkerBand = 11, WorkerOffsets = 12;
    public const int UpsampleWeights = 13, UpsampleInput = 14, UpsampleFeatures = 15, UpsampleRow = 16;
    private const int SlotCount = 17;

    [ThreadStatic] private static Slots? _slots;
    private static long _totalBytes;

    /// <summary>Bytes held by every thread's scratch buffers.</summary>
    public static long TotalBytes => Interlocked.Read(ref _totalBytes);

    private sealed class Slots
    {
        public readonly void*[] Pointers = new void*[SlotCount];
        public readonly long[] Capacities = new long[SlotCount];

        ~Slots() => Free();

        public void Free()
        {
            for (int i = 0; i < SlotCount; i++)
            {
                if (Pointers[i] == null) continue;
                NativeMemory.AlignedFree(Pointers[i]);
                Interlocked.Add(ref _totalBytes, -Capacities[i] * sizeof(float));
                Pointers[i] = null;
                Capacities[i] = 0;
            }
        }
    }

    /// <summary>Frees the calling thread's buffers (they grow back on the next kernel call).</summary>
    public static void FreeCurrentThread() => _slots?.Free();

    /// <summary>A buffer of at least <paramref name="floats"/> floats (contents undefined).</summary>
    public static float* Get(int slot, long floats)
    {
        var s = _slots ??= new Slots();
        if (s.Capacities[slot] < floats)
        {
            if (s.Pointers[slot] != null) NativeMemory.AlignedFree(s.Pointers[slot]);
            s.Pointers[slot] = null;
            long capacity = Math.Max(floats, s.Capacities[slot] * 3 / 2);
            Interlocked.Add(ref _totalBytes, (capacity - s.Capacities[slot]) * sizeof(float));
            s.Capacities[slot] = 0;
            s.Pointers[slot] = NativeMemory.AlignedAlloc((nuint)(capacity * sizeof(float)), 64);
            s.Capacities[slot] = capacity;
        }
        return (float*)s.Pointers[slot];
    }
}
