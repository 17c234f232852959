using System.Runtime.InteropServices;

namespace SuperRes.Tensors;

/// <summary>
/// One block of native memory whose pages a background thread writes once, front to back, and
/// from whose touched front <see cref="TensorPool"/> carves buffers. The toucher only writes past
/// <see cref="_touched"/> and buffers are only carved below it, so the two never meet.
/// Pieces are not freed one by one: the block goes when the pool is trimmed and none is rented.
/// Every member but <see cref="Touch"/> is called under the pool's lock.
/// </summary>
internal sealed unsafe class PrefaultedArena
{
    private const int Page = 4096;
    private const long PublishEvery = 1 << 20;

    private readonly byte* _start;
    private readonly long _size;
    private long _touched;
    private long _used;
    private volatile bool _stop;
    private int _state; // 0: touching or not started, 1: touched, 2: freed while touching (the toucher frees it)

    public PrefaultedArena(long bytes)
    {
        _size = (bytes + 63) & ~63L;
        _start = (byte*)NativeMemory.AlignedAlloc((nuint)_size, 64);
    }

    /// <summary>Pieces carved or taken from the pool's buckets and not yet returned.</summary>
    public int Live { get; set; }

    public long Size => _size;

    /// <summary>Bytes written so far, from the start.</summary>
    public long Touched => Volatile.Read(ref _touched);

    public bool Owns(void* data) => (byte*)data >= _start && (byte*)data < _start + _size;

    /// <summary>A 64-byte-aligned piece of <paramref name="bytes"/> from the touched front, or null.</summary>
    public nint? TryCarve(long bytes)
    {
        if (_used + bytes > Volatile.Read(ref _touched)) return null;
        var piece = _start + _used;
        _used += bytes;
        Live++;
        return (nint)piece;
    }

    /// <summary>Writes every page once, publishing the touched front every megabyte.</summary>
    public void Touch()
    {
        long offset = 0;
        while (offset < _size && !_stop)
        {
            long end = Math.Min(_size, offset + PublishEvery);
            for (long p = offset; p < end; p += Page) _start[p] = 0;
            offset = end;
            Volatile.Write(ref _touched, offset);
        }
        if (Interlocked.CompareExchange(ref _state, 1, 0) == 2) NativeMemory.AlignedFree(_start);
    }

    /// <summary>Frees the block now, or has the toucher free it when it stops.</summary>
    public void Free()
    {
        _stop = true;
        if (Interlocked.CompareExchange(ref _state, 2, 0) != 0) NativeMemory.AlignedFree(_start);
    }
}
