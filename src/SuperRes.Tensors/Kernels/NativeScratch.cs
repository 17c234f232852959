using System.Runtime.InteropServices;

namespace SuperRes.Tensors.Kernels;

/// <summary>
/// Per-thread, grow-only, 64-byte aligned native scratch buffers, so kernel calls allocate nothing
/// managed in steady state. A buffer stays valid until the same thread asks for the same slot again.
/// </summary>
internal static unsafe class NativeScratch
{
    public const int PaddedInput = 0, PackedWeights = 1, Offsets = 2, Transformed = 3, Partials = 4, GradCopy = 5;
    public const int WorkerColumns = 6, WorkerTiles = 7, PhaseWeights = 8, PhaseOutput = 9;
    private const int SlotCount = 10;

    [ThreadStatic] private static Slots? _slots;

    private sealed class Slots
    {
        public readonly void*[] Pointers = new void*[SlotCount];
        public readonly long[] Capacities = new long[SlotCount];

        ~Slots()
        {
            foreach (var p in Pointers)
                if (p != null) NativeMemory.AlignedFree(p);
        }
    }

    /// <summary>A buffer of at least <paramref name="floats"/> floats (contents undefined).</summary>
    public static float* Get(int slot, long floats)
    {
        var s = _slots ??= new Slots();
        if (s.Capacities[slot] < floats)
        {
            if (s.Pointers[slot] != null) NativeMemory.AlignedFree(s.Pointers[slot]);
            long capacity = Math.Max(floats, s.Capacities[slot] * 3 / 2);
            s.Pointers[slot] = NativeMemory.AlignedAlloc((nuint)(capacity * sizeof(float)), 64);
            s.Capacities[slot] = capacity;
        }
        return (float*)s.Pointers[slot];
    }
}
