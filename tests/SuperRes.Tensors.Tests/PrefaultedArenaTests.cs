namespace SuperRes.Tensors.Tests;

/// <summary>
/// <see cref="TensorPool.Prefault"/>: buffers come from memory a thread-pool thread writes ahead of
/// them, never from the part it has still to write, and the arena outlives its last rented piece.
/// The collection runs alone: the pool is process-wide.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed unsafe class PrefaultedArenaTests
{
    private const long ArenaBytes = 64L << 20;

    [Fact]
    public void TouchedArena_ServesNewTensors_WithoutAllocating()
    {
        TensorPool.Trim();
        TensorPool.Prefault(ArenaBytes);
        WaitUntilTouched();
        long allocations = TensorPool.AllocationCount;

        var a = Tensor.Empty(1_000_001);
        var b = Tensor.Empty(3_000_017);
        a.AsSpan().Fill(1f);
        b.AsSpan().Fill(2f);

        Assert.Equal(allocations, TensorPool.AllocationCount);
        // Carved one after the other, each rounded up to 64 bytes.
        Assert.Equal((1_000_001 * sizeof(float) + 63) & ~63, (nint)b.DataPointer - (nint)a.DataPointer);
        Assert.Equal(1f, a.AsSpan()[^1]);
        a.Dispose();
        b.Dispose();

        // Given back, an arena piece serves the next tensor of its size like any pooled buffer.
        var again = Tensor.Empty(1_000_001);
        Assert.Equal(allocations, TensorPool.AllocationCount);
        again.Dispose();
        TensorPool.Trim();
        Assert.Equal((0L, 0L), TensorPool.Arena);
    }

    [Fact]
    public void TensorsRentedWhileTheArenaIsWritten_KeepTheirValues()
    {
        TensorPool.Trim();
        TensorPool.Prefault(ArenaBytes);
        var tensors = new List<Tensor>();
        for (int i = 0; i < 200; i++)
        {
            // Rented as the writer goes: each from the written part, or allocated when none is left.
            var t = Tensor.Empty(65_536 + 17 * i);
            t.AsSpan().Fill(Pattern(i));
            tensors.Add(t);
        }
        WaitUntilTouched();

        for (int i = 0; i < tensors.Count; i++)
        {
            int changed = tensors[i].AsSpan().IndexOfAnyExcept(Pattern(i));
            Assert.True(changed < 0, $"tensor {i} changed at {changed}");
            tensors[i].Dispose();
        }
        TensorPool.Trim();
    }

    [Fact]
    public void Trim_WithPiecesRented_KeepsThemValid_AndANewArenaCanStart()
    {
        TensorPool.Trim();
        TensorPool.Prefault(ArenaBytes);
        WaitUntilTouched();
        long allocations = TensorPool.AllocationCount;
        var kept = Tensor.Empty(2_000_003);
        var dropped = Tensor.Empty(2_000_003);
        Assert.Equal(allocations, TensorPool.AllocationCount);
        kept.AsSpan().Fill(3f);

        TensorPool.Trim();
        Assert.Equal((0L, 0L), TensorPool.Arena);
        TensorPool.Prefault(ArenaBytes);
        Assert.Equal(ArenaBytes, TensorPool.Arena.Size);

        // The trimmed arena's pieces still hold their data; it is freed with the last one.
        Assert.Equal(3f, kept.AsSpan()[1_999_999]);
        kept.Dispose();
        dropped.Dispose();
        WaitUntilTouched();
        TensorPool.Trim();
    }

    [Fact]
    public void Prefault_LessThanAMegabyte_OrWhileAnArenaIsInUse_DoesNothing()
    {
        TensorPool.Trim();
        TensorPool.Prefault(512 << 10);
        Assert.Equal((0L, 0L), TensorPool.Arena);

        TensorPool.Prefault(ArenaBytes);
        TensorPool.Prefault(2 * ArenaBytes);
        Assert.Equal(ArenaBytes, TensorPool.Arena.Size);
        WaitUntilTouched();
        TensorPool.Trim();
    }

    [Fact]
    public void Prefault_OfMoreThanCanBeAllocated_IsIgnored()
    {
        TensorPool.Trim();
        long limit = TensorPool.MaxPooledBytes;
        try
        {
            TensorPool.MaxPooledBytes = long.MaxValue;
            TensorPool.Prefault(1L << 60);
            Assert.Equal((0L, 0L), TensorPool.Arena);
        }
        finally
        {
            TensorPool.MaxPooledBytes = limit;
        }
    }

    [Fact]
    public void Trim_WhileTheArenaIsStillBeingWritten_IsSafe()
    {
        for (int i = 0; i < 20; i++)
        {
            TensorPool.Trim();
            TensorPool.Prefault(ArenaBytes);
            var t = Tensor.Empty(100_003); // allocated or carved, whichever the writer allows
            TensorPool.Trim();
            t.AsSpan().Fill(1f);
            t.Dispose();
        }
        TensorPool.Trim();
        Assert.Equal((0L, 0L), TensorPool.Arena);
    }

    /// <summary>A value whose every byte is non-zero: the writer's zero bytes would show.</summary>
    private static float Pattern(int i) => BitConverter.Int32BitsToSingle(0x40_5B_5B_5B + (i << 8));

    private static void WaitUntilTouched()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (TensorPool.Arena is var (size, touched) && touched < size)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the arena is written {touched} of {size} bytes after 30 s");
            Thread.Sleep(1);
        }
    }
}
