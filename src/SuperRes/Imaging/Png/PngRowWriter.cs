using System.Buffers.Binary;
using System.Numerics;
using SuperRes.Compression;

namespace SuperRes.Imaging.Png;

/// <summary>
/// Writes a PNG (8/16-bit gray, gray+alpha, RGB, RGBA) as its rows arrive: signature and IHDR at
/// once, then each row filtered (the filter with the smallest sum of absolute filtered bytes, the
/// libpng heuristic) and deflated into IDAT chunks that go straight to the stream, and IEND on
/// <see cref="Finish"/>. It holds a few rows (and a band given to <see cref="WriteRows"/>),
/// whatever the image height. A band's rows are filtered in parallel and the deflate data is
/// compressed on every core (<see cref="ParallelZlibWriter"/>); the file does not depend on the
/// number of cores.
/// </summary>
internal sealed class PngRowWriter : IDisposable
{
    private readonly Stream _output;
    private readonly IdatChunkStream _idat;
    private readonly ParallelZlibWriter _zlib;
    private readonly int _bpp;
    private byte[] _previous;
    private byte[] _current;
    private readonly byte[] _best;
    private readonly byte[] _trial;
    /// <summary>A band's 16-bit samples as big-endian bytes: kept for the next band.</summary>
    private byte[]? _packed;

    /// <summary>Buffers of filtered rows handed to the deflater, to fill again once it is done with them.</summary>
    private readonly List<byte[]> _bandBuffers = [];

    /// <summary>Band buffers kept: the one being deflated and the one being filled.</summary>
    private const int MaxBandBuffers = 2;
    private bool _finished;

    public PngRowWriter(Stream output, int width, int height, int channels, int bitDepth,
        PngCompression? compression = null, int chunkSize = IdatChunkStream.DefaultChunkSize)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"Image size {width}x{height} must be positive.");
        if (channels is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(channels), "Channels must be 1 (gray), 2 (gray+alpha), 3 (RGB) or 4 (RGBA).");
        if (bitDepth is not (8 or 16)) throw new ArgumentOutOfRangeException(nameof(bitDepth), "Bit depth must be 8 or 16.");
        Width = width;
        Height = height;
        Channels = channels;
        BitDepth = bitDepth;
        _bpp = channels * bitDepth / 8;
        int rowBytes = checked(width * _bpp);
        _previous = new byte[rowBytes];
        _current = new byte[rowBytes];
        _best = new byte[rowBytes + 1];
        _trial = new byte[rowBytes];

        _output = output;
        output.Write(PngDecoder.Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = (byte)bitDepth;
        header[9] = channels switch { 1 => 0, 2 => 4, 3 => 2, _ => 6 };
        header[10] = header[11] = header[12] = 0; // deflate, adaptive filtering, not interlaced
        PngChunk.Write(output, "IHDR", header);
        _idat = new IdatChunkStream(output, chunkSize);
        compression ??= PngCompression.Default;
        _zlib = new ParallelZlibWriter(_idat, compression.Level, compression.IsRunLength);
    }

    public int Width { get; }
    public int Height { get; }
    public int Channels { get; }
    public int BitDepth { get; }

    /// <summary>Rows written so far.</summary>
    public int RowsWritten { get; private set; }

    /// <summary>Appends one row: <see cref="Width"/> x <see cref="Channels"/> interleaved samples.</summary>
    public void WriteRow(ReadOnlySpan<ushort> samples)
    {
        CheckRow(samples.Length);
        Pack(samples, _current);
        CompressRow();
    }

    /// <summary>Appends one row of 8-bit samples (the image must be 8-bit).</summary>
    public void WriteRow(ReadOnlySpan<byte> samples)
    {
        CheckRow(samples.Length);
        if (BitDepth != 8) throw new ArgumentException("8-bit samples given for a 16-bit PNG.", nameof(samples));
        samples.CopyTo(_current);
        CompressRow();
    }

    private void CheckRow(int length)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (length != Width * Channels)
            throw new ArgumentException($"A row has {Width * Channels} samples, got {length}.", "samples");
        if (RowsWritten == Height) throw new InvalidOperationException($"All {Height} rows are already written.");
    }

    private void CompressRow()
    {
        FilterBest(_current, _previous, _bpp, _best, _trial);
        _zlib.Write(_best);
        (_previous, _current) = (_current, _previous);
        RowsWritten++;
    }

    /// <summary>Appends every row of <paramref name="band"/>, which must match the image's width, channels and bit depth.</summary>
    public void WriteRows(Image band)
    {
        ArgumentNullException.ThrowIfNull(band);
        if ((band.Width, band.Channels, band.BitDepth) != (Width, Channels, BitDepth))
            throw new ArgumentException(
                $"A {band.Width}-wide band of {band.Channels} channel(s) at {band.BitDepth} bits does not fit a {Width}-wide image of {Channels} at {BitDepth}.",
                nameof(band));
        if (band.Height > Height - RowsWritten)
            throw new InvalidOperationException($"A band of {band.Height} rows overruns the image: {RowsWritten} of {Height} are written.");
        int n = Width * Channels, rowBytes = _current.Length, rows = band.Height;
        if (rows < 4)
        {
            for (int y = 0; y < rows; y++)
            {
                if (BitDepth == 8) WriteRow(band.Samples8.Slice(y * n, n));
                else WriteRow(band.Samples16.Slice(y * n, n));
            }
            return;
        }
        // Rows are packed first (8-bit samples already are), then filtered in parallel: a row's filter
        // reads only the raw row above it. The buffers serve every band: fresh ones would cost their
        // page faults again each time.
        byte[] raw;
        if (BitDepth == 8) raw = band.Samples8Array;
        else
        {
            raw = Grow(ref _packed, (long)rows * rowBytes);
            Pack(band.Samples16[..(rows * n)], raw);
        }
        // The deflater reads a band's filtered rows in place (WriteOwned) while the next band is computed:
        // a buffer it has finished with serves again, otherwise a new one is made.
        long filteredBytes = (long)rows * (rowBytes + 1);
        if (filteredBytes > Array.MaxLength) throw new ArgumentException($"A band of {rows} rows of {rowBytes} bytes is too large; write fewer rows at a time.", nameof(band));
        var filtered = _bandBuffers.Find(b => b.Length >= filteredBytes && !_zlib.IsReading(b));
        if (filtered is null)
        {
            filtered = GC.AllocateUninitializedArray<byte>((int)filteredBytes);
            if (_bandBuffers.Count == MaxBandBuffers) _bandBuffers.RemoveAt(0);
            _bandBuffers.Add(filtered);
        }
        var previousRow = _previous;
        Parallel.For(0, rows, () => new byte[rowBytes], (y, _, trial) =>
        {
            var above = y == 0 ? previousRow.AsSpan() : raw.AsSpan((y - 1) * rowBytes, rowBytes);
            FilterBest(raw.AsSpan(y * rowBytes, rowBytes), above, _bpp, filtered.AsSpan(y * (rowBytes + 1), rowBytes + 1), trial);
            return trial;
        }, _ => { });
        _zlib.WriteOwned(filtered, (int)filteredBytes);
        raw.AsSpan((rows - 1) * rowBytes, rowBytes).CopyTo(_previous);
        RowsWritten += rows;
    }

    /// <summary>Per-thread switch to filtering and scoring each filter in turn (the plain way), for tests.</summary>
    [ThreadStatic] internal static bool ScoreOneByOne;

    /// <summary>
    /// Writes the filter type byte and the filtered row with the smallest sum of absolute values
    /// (bytes read as signed) into <paramref name="best"/>; the first of equal scores wins.
    /// </summary>
    internal static void FilterBest(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, Span<byte> best, Span<byte> trial)
    {
        if (PngFilters.CanScoreAtOnce && !ScoreOneByOne)
        {
            int filter = PngFilters.BestFilter(row, previous, bpp);
            best[0] = (byte)filter;
            PngFilters.Filter(filter, row, previous, bpp, best[1..]);
            return;
        }
        // Scores first, then the winner filtered once more into place: filtering a row again costs
        // less than copying each better trial (the runtime's precompiled memmove, slow beside vector code).
        long bestScore = long.MaxValue;
        int bestFilter = 0;
        for (int filter = 0; filter < 5; filter++)
        {
            var filtered = filter == 4 ? best[1..] : trial;
            PngFilters.Filter(filter, row, previous, bpp, filtered);
            long score = SumOfAbsoluteSigned(filtered[..row.Length]);
            if (score < bestScore) (bestScore, bestFilter) = (score, filter);
        }
        best[0] = (byte)bestFilter;
        if (bestFilter != 4) PngFilters.Filter(bestFilter, row, previous, bpp, best[1..]);
    }

    /// <summary>Sum over bytes b of min(b, 256 - b): each byte read as a signed value, its magnitude.</summary>
    internal static long SumOfAbsoluteSigned(ReadOnlySpan<byte> bytes)
    {
        long sum = 0;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int lanes = Vector<byte>.Count;
            var total = Vector<ulong>.Zero;
            while (i + lanes <= bytes.Length)
            {
                // At most 128 steps of adding a byte's magnitude (<= 128) to a 16-bit lane: no overflow.
                var partial = Vector<ushort>.Zero;
                for (int k = 0; k < 128 && i + lanes <= bytes.Length; k++, i += lanes)
                {
                    var magnitude = Vector.AsVectorByte(Vector.Abs(Vector.AsVectorSByte(new Vector<byte>(bytes[i..]))));
                    Vector.Widen(magnitude, out var low, out var high);
                    partial += low + high;
                }
                Vector.Widen(partial, out var low32, out var high32);
                Vector.Widen(low32 + high32, out var low64, out var high64);
                total += low64 + high64;
            }
            sum = (long)Vector.Sum(total);
        }
        for (; i < bytes.Length; i++) sum += bytes[i] < 128 ? bytes[i] : 256 - bytes[i];
        return sum;
    }

    /// <summary>Ends the compressed data and writes IEND; throws when rows are missing.</summary>
    public void Finish()
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (RowsWritten != Height) throw new InvalidOperationException($"Only {RowsWritten} of {Height} rows were written.");
        _finished = true;
        _zlib.Finish();
        _idat.WritePending();
        PngChunk.Write(_output, "IEND", []);
        _output.Flush();
    }

    /// <summary>Releases the compressor; without <see cref="Finish"/> the stream holds an unfinished PNG.</summary>
    public void Dispose()
    {
        if (_finished) return;
        _finished = true;
        try
        {
            _zlib.Dispose(); // waits for the blocks in flight
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
        {
            // The output already failed (that is why Finish was not reached); do not hide the first error.
        }
    }

    /// <summary><paramref name="buffer"/>, replaced by a larger one when it holds fewer than <paramref name="length"/> bytes.</summary>
    private static byte[] Grow(ref byte[]? buffer, long length)
    {
        if (buffer is null || buffer.Length < length) buffer = new byte[length];
        return buffer;
    }

    private void Pack(ReadOnlySpan<ushort> samples, Span<byte> row)
    {
        if (BitDepth == 8)
        {
            for (int i = 0; i < samples.Length; i++) row[i] = (byte)samples[i];
        }
        else
        {
            for (int i = 0; i < samples.Length; i++) BinaryPrimitives.WriteUInt16BigEndian(row[(2 * i)..], samples[i]);
        }
    }
}
