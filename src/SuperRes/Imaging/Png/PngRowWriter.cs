using System.Buffers.Binary;
using System.IO.Compression;

namespace SuperRes.Imaging.Png;

/// <summary>
/// Writes a PNG (8/16-bit gray, gray+alpha, RGB, RGBA) as its rows arrive: signature and IHDR at
/// once, then each row filtered (the filter with the smallest sum of absolute filtered bytes, the
/// libpng heuristic) and deflated into IDAT chunks that go straight to the stream, and IEND on
/// <see cref="Finish"/>. It holds a few rows, whatever the image height.
/// </summary>
internal sealed class PngRowWriter : IDisposable
{
    private readonly Stream _output;
    private readonly IdatChunkStream _idat;
    private readonly ZLibStream _zlib;
    private readonly int _bpp;
    private byte[] _previous;
    private byte[] _current;
    private readonly byte[] _best;
    private readonly byte[] _trial;
    private bool _finished;

    public PngRowWriter(Stream output, int width, int height, int channels, int bitDepth,
        CompressionLevel level = CompressionLevel.Optimal, int chunkSize = IdatChunkStream.DefaultChunkSize)
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
        _zlib = new ZLibStream(_idat, level, leaveOpen: true);
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
        long bestScore = long.MaxValue;
        for (int filter = 0; filter < 5; filter++)
        {
            PngFilters.Filter(filter, _current, _previous, _bpp, _trial);
            long score = 0;
            foreach (byte b in _trial) score += b < 128 ? b : 256 - b;
            if (score < bestScore)
            {
                bestScore = score;
                _best[0] = (byte)filter;
                _trial.CopyTo(_best, 1);
            }
        }
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
        int n = Width * Channels;
        for (int y = 0; y < band.Height; y++)
        {
            if (BitDepth == 8) WriteRow(band.Samples8.Slice(y * n, n));
            else WriteRow(band.Samples16.Slice(y * n, n));
        }
    }

    /// <summary>Ends the compressed data and writes IEND; throws when rows are missing.</summary>
    public void Finish()
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (RowsWritten != Height) throw new InvalidOperationException($"Only {RowsWritten} of {Height} rows were written.");
        _finished = true;
        _zlib.Dispose();
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
            _zlib.Dispose(); // flushes its tail into the unfinished file
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
        {
            // The output already failed (that is why Finish was not reached); do not hide the first error.
        }
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
