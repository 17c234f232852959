using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Compression;
using System.Runtime.ExceptionServices;
using System.IO.Hashing;

namespace SuperRes.Compression;

/// <summary>
/// Writes one zlib stream (RFC 1950) whose deflate data is compressed on several cores: the input
/// is cut into blocks of <see cref="BlockSize"/> bytes, each deflated on its own (ending in a sync
/// flush, so it stops on a byte boundary and the next block's data can follow), and the pieces are
/// written in order behind a zlib header, the last one ending the deflate stream, then the
/// Adler-32 of the whole input. Any inflater reads it as one stream (pigz makes the same kind).
/// A block cannot refer back into the one before it, which costs about 1% of size against a
/// single deflate stream at 128 KiB blocks. The thread that deflates a block also takes its Adler-32;
/// the stream's is combined from them in order.
/// Blocks wait in a queue that at most <see cref="BackgroundDeflaters"/> thread-pool work items drain,
/// instead of one work item per block: a band's worth of queued blocks would otherwise sit in the
/// pool's queue ahead of every <c>Parallel.For</c> the caller starts meanwhile (the next tile's
/// colour conversion, the merge), which then waits for them. <see cref="Finish"/> and a full queue
/// have the calling thread deflate blocks too.
/// </summary>
internal sealed class ParallelZlibWriter : IDisposable
{
    public const int BlockSize = 128 << 10;

    /// <summary>
    /// The zlib level when none is given: 4 (PNG files are written with <see cref="Imaging.PngCompression.Default"/>). With the zlib-ng that .NET ships, level 6 (zlib's usual
    /// default) deflated a filtered 1000x1444 RGB upscale to 1.82 MB in 201 ms, level 4 to 1.86 MB in
    /// 91 ms, level 1 to 2.73 MB in 32 ms: 2% more bytes for half the time.
    /// </summary>
    public const int DefaultLevel = 4;

    /// <summary>
    /// Work items deflating in the background: half the cores (at least one), so that the caller's
    /// own parallel loops still find pool threads.
    /// </summary>
    public static readonly int BackgroundDeflaters = Math.Max(1, Environment.ProcessorCount / 2);

    private readonly Stream _output;
    private readonly int _level;
    private readonly bool _runLength;
    /// <summary>Adler-32 of the blocks written out so far: each block's own, combined in order (<see cref="Adler32Combine"/>).</summary>
    private uint _adler = 1;
    /// <summary>Blocks in order, until their deflate data is written.</summary>
    private readonly Queue<Piece> _pending = new();
    /// <summary>Blocks no thread has taken yet.</summary>
    private readonly ConcurrentQueue<Piece> _queue = new();
    private int _deflaters;
    /// <summary>
    /// Blocks in flight before <see cref="Write"/> deflates one itself: a whole band of an upscale (32 MiB of input
    /// blocks, and their compressed output, at most as much again) can be handed over, so that it is
    /// deflated while the next band is computed instead of holding up the writer.
    /// </summary>
    private const int MaxPending = 256;
    /// <summary>The block being filled: rented, and returned once deflated (fresh 128 KiB arrays are zeroed, and land in new pages).</summary>
    private byte[] _block = ArrayPool<byte>.Shared.Rent(BlockSize);
    private int _filled;
    /// <summary>No more input: <see cref="Finish"/> has begun, or <see cref="Dispose"/> was called.</summary>
    private bool _closed;
    /// <summary><see cref="Finish"/> wrote the whole stream.</summary>
    private bool _completed;
    /// <summary>A write or a deflate failed: what was written misses data, so nothing more is accepted.</summary>
    private bool _failed;

    /// <param name="output">Where the zlib stream goes.</param>
    /// <param name="level">zlib compression level, 0 (store) to 9 (smallest).</param>
    /// <param name="runLength">Runs of one byte as the only matches, deflated by <see cref="RunLengthDeflater"/> (zlib's run-length strategy, 2.5-3 times as fast as zlib-ng's), instead of zlib at <paramref name="level"/>.</param>
    public ParallelZlibWriter(Stream output, int level = DefaultLevel, bool runLength = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 9);
        _output = output;
        _level = level;
        _runLength = runLength && level > 0;
        // CMF 0x78: deflate, 32 KiB window. FLG: the level hint (RFC 1950: fastest, fast, default,
        // maximum), with FCHECK making CMF*256+FLG a multiple of 31.
        int flevel = level switch { < 2 => 0, < 6 => 1, 6 => 2, _ => 3 };
        int flg = flevel << 6;
        flg += 31 - (0x78 * 256 + flg) % 31;
        output.Write([0x78, (byte)flg]);
    }

    public void Write(ReadOnlySpan<byte> data)
    {
        ThrowIfUnusable();
        try
        {
            while (!data.IsEmpty)
            {
                int n = Math.Min(BlockSize - _filled, data.Length);
                data[..n].CopyTo(_block.AsSpan(_filled));
                _filled += n;
                data = data[n..];
                if (_filled == BlockSize) Submit(final: false);
            }
        }
        catch
        {
            _failed = true;
            throw;
        }
    }

    /// <summary>Compresses what is left (the calling thread helping), ends the deflate stream and writes the Adler-32.</summary>
    public void Finish()
    {
        ThrowIfUnusable();
        try
        {
            Submit(final: true);
            _closed = true;
            while (_queue.TryDequeue(out var piece)) piece.Run();
            while (_pending.Count > 0) WriteOut(_pending.Dequeue());
            Span<byte> trailer = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(trailer, _adler);
            _output.Write(trailer);
            _completed = true;
        }
        catch
        {
            _failed = true;
            throw;
        }
    }

    /// <summary>Drops the blocks no thread has begun and waits for the others; unless finished, the output holds an unfinished stream.</summary>
    public void Dispose()
    {
        if (_completed) return;
        _closed = true;
        while (_queue.TryDequeue(out _))
        {
            // Not begun: the pending list below cancels them.
        }
        foreach (var piece in _pending) piece.CancelOrWait();
        _pending.Clear();
    }

    private void ThrowIfUnusable()
    {
        if (_failed) throw new InvalidOperationException("An earlier write to this zlib stream failed; it misses data, so nothing more is written.");
        ObjectDisposedException.ThrowIf(_closed, this);
    }

    /// <summary>
    /// Writes <paramref name="data"/>[.. <paramref name="length"/>] as <see cref="Write"/> does (the same
    /// blocks, so the same stream), without copying its whole blocks: they are deflated from
    /// <paramref name="data"/> itself, which the caller hands over and must not change afterwards (it
    /// is read until those blocks are deflated). For large buffers filled once, such as a band of
    /// filtered rows: the copy cost the writing thread 19 MB of memory traffic a band of a 4096-wide upscale.
    /// </summary>
    public void WriteOwned(byte[] data, int length)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, data.Length);
        ThrowIfUnusable();
        try
        {
            int offset = 0;
            if (_filled > 0)
            {
                // The block begun by earlier writes is completed from the data first.
                offset = Math.Min(BlockSize - _filled, length);
                Write(data.AsSpan(0, offset));
            }
            List<Piece>? pieces = null;
            for (; length - offset >= BlockSize; offset += BlockSize)
            {
                var piece = new Piece(data, offset, BlockSize, rented: false, _level, _runLength, final: false);
                (pieces ??= []).Add(piece);
                Submit(piece);
            }
            if (pieces is not null)
            {
                ForgetDeflatedBuffers();
                _owned.Add((data, pieces));
            }
            Write(data.AsSpan(offset, length - offset));
        }
        catch
        {
            _failed = true;
            throw;
        }
    }

    /// <summary>
    /// Whether blocks of <paramref name="data"/> handed over by <see cref="WriteOwned"/> are still to be
    /// deflated: once not, the caller may fill it again (a band's buffer serves a later band, without
    /// the first writes to fresh memory that a new one costs).
    /// </summary>
    public bool IsReading(byte[] data)
    {
        ForgetDeflatedBuffers();
        return _owned.Exists(entry => ReferenceEquals(entry.Data, data));
    }

    /// <summary>Drops the handed-over buffers whose blocks are all deflated, so that the writer holds on to none of them.</summary>
    private void ForgetDeflatedBuffers() => _owned.RemoveAll(entry => entry.Pieces.TrueForAll(piece => piece.IsDone));

    /// <summary>Buffers handed over by <see cref="WriteOwned"/> and the blocks deflated from them.</summary>
    private readonly List<(byte[] Data, List<Piece> Pieces)> _owned = [];

    private void Submit(bool final)
    {
        var piece = new Piece(_block, 0, _filled, rented: true, _level, _runLength, final);
        _block = final ? [] : ArrayPool<byte>.Shared.Rent(BlockSize);
        _filled = 0;
        Submit(piece);
    }

    private void Submit(Piece piece)
    {
        _pending.Enqueue(piece);
        _queue.Enqueue(piece);
        if (!piece.Final) StartDeflater();
        // Write finished blocks in order; with too many in flight, deflate here until the oldest is done.
        while (_pending.Count > 0 && (_pending.Peek().IsDone || _pending.Count > MaxPending))
        {
            if (!_pending.Peek().IsDone && _queue.TryDequeue(out var next)) next.Run();
            else WriteOut(_pending.Dequeue());
        }
    }

    /// <summary>Writes a block's deflate data (waiting for it) and adds its Adler-32 to the stream's.</summary>
    private void WriteOut(Piece piece)
    {
        _output.Write(piece.Result());
        _adler = Adler32Combine(_adler, piece.Adler, piece.Length);
    }

    /// <summary>
    /// The Adler-32 of A followed by B from those of A and B and the length of B. With s1 and s2 the two
    /// sums mod 65521 (s1 starts at 1): s1(AB) = s1(A) + s1(B) - 1, s2(AB) = s2(A) + s2(B) + |B| (s1(A) - 1).
    /// </summary>
    internal static uint Adler32Combine(uint first, uint second, long secondLength)
    {
        const uint Modulus = 65521;
        ulong length = (ulong)(secondLength % Modulus);
        ulong s1First = first & 0xFFFF, s2First = first >> 16, s1Second = second & 0xFFFF, s2Second = second >> 16;
        ulong s1 = (s1First + s1Second + Modulus - 1) % Modulus;
        ulong s2 = (s2First + s2Second + length * ((s1First + Modulus - 1) % Modulus)) % Modulus;
        return (uint)(s2 << 16 | s1);
    }

    /// <summary>Starts a background work item draining the queue, unless <see cref="BackgroundDeflaters"/> are already running.</summary>
    private void StartDeflater()
    {
        if (TryAddDeflater()) ThreadPool.UnsafeQueueUserWorkItem(static writer => writer.Drain(), this, preferLocal: false);
    }

    /// <summary>Counts one more background deflater, unless <see cref="BackgroundDeflaters"/> are already running.</summary>
    private bool TryAddDeflater()
    {
        while (true)
        {
            int running = Volatile.Read(ref _deflaters);
            if (running >= BackgroundDeflaters) return false;
            if (Interlocked.CompareExchange(ref _deflaters, running + 1, running) == running) return true;
        }
    }

    private void Drain()
    {
        do
        {
            while (_queue.TryDequeue(out var piece)) piece.Run();
            Interlocked.Decrement(ref _deflaters);
            // A block queued after the last look and before the decrement would otherwise wait for the next Submit or for Finish.
        }
        while (!_queue.IsEmpty && TryAddDeflater());
    }

    /// <summary>One block: its input, and its deflate data once a thread has compressed it (or the error it raised).</summary>
    private sealed class Piece(byte[] block, int offset, int length, bool rented, int level, bool runLength, bool final)
    {
        private const int Queued = 0, Begun = 1, Cancelled = 2;
        private readonly ManualResetEventSlim _done = new();
        private int _state;
        private byte[]? _result;
        private Exception? _error;

        public bool IsDone => _done.IsSet;

        public bool Final => final;

        public int Length => length;

        /// <summary>The block's own Adler-32, once it is done.</summary>
        public uint Adler { get; private set; }

        /// <summary>Deflates the block on this thread, unless another thread has begun it or it was cancelled.</summary>
        public void Run()
        {
            if (Interlocked.CompareExchange(ref _state, Begun, Queued) != Queued) return;
            try
            {
                var data = block.AsSpan(offset, length);
                var adler = new Adler32();
                adler.Append(data);
                Adler = adler.GetCurrentHashAsUInt32();
                _result = Deflate(data, level, runLength, final);
            }
            catch (Exception e)
            {
                _error = e;
            }
            if (rented) ArrayPool<byte>.Shared.Return(block);
            _done.Set();
        }

        /// <summary>The deflate data, waiting for the thread that took the block; rethrows its error.</summary>
        public byte[] Result()
        {
            _done.Wait();
            _done.Dispose();
            if (_error is not null) ExceptionDispatchInfo.Throw(_error);
            return _result!;
        }

        /// <summary>Keeps the block from being deflated if no thread has begun it; otherwise waits until it is done.</summary>
        public void CancelOrWait()
        {
            if (Interlocked.CompareExchange(ref _state, Cancelled, Queued) != Queued) _done.Wait();
        }
    }

    private static byte[] Deflate(ReadOnlySpan<byte> data, int level, bool runLength, bool final)
    {
        if (runLength) return RunLengthDeflater.Deflate(data, final);
        using var buffer = new MemoryStream(data.Length / 2 + 64);
        var options = new ZLibCompressionOptions { CompressionLevel = level };
        var deflate = new DeflateStream(buffer, options, leaveOpen: true);
        deflate.Write(data);
        if (final)
        {
            deflate.Dispose(); // the final block
            // With no input DeflateStream writes nothing at all: end the stream with an empty final block (fixed Huffman).
            return buffer.Length > 0 ? buffer.ToArray() : [0x03, 0x00];
        }
        deflate.Flush(); // a sync flush: ends on a byte boundary with the stream still open
        var bytes = buffer.ToArray();
        // Disposing would append a final empty block; this piece is not the last, so drop whatever
        // disposing writes by taking the bytes before it.
        deflate.Dispose();
        return bytes;
    }
}
