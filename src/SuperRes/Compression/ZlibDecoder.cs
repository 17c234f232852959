using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace SuperRes.Compression;

/// <summary>
/// Reads a zlib stream (RFC 1950) held in memory, saying what is wrong when it is corrupt: the header
/// is checked here, the deflate data is inflated by <see cref="DeflateStream"/>, and the Adler-32 of
/// the inflated bytes is compared with the stream's trailer when the data ends. Every problem is an
/// <see cref="InvalidDataException"/> whose message names it ("bad zlib header ...", "corrupt deflate
/// data", "bad Adler-32 checksum ..."); the callers wrap it in their format's exception.
/// </summary>
internal sealed class ZlibDecoder : Stream
{
    /// <summary>Deflate cannot expand data by more than 1032:1, which bounds what any stream can deliver.</summary>
    public const long MaxRatio = 1032;

    private readonly byte[] _buffer;
    private readonly int _start, _end;
    private readonly DeflateStream _deflate;
    private readonly Adler32 _adler = new();
    private bool _ended;

    public ZlibDecoder(byte[] buffer, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (count < 2) throw new InvalidDataException("zlib stream truncated (no header)");
        int cmf = buffer[offset], flg = buffer[offset + 1];
        if ((cmf & 0x0F) != 8) throw new InvalidDataException($"bad zlib header (compression method {cmf & 0x0F}, expected 8 = deflate)");
        if (cmf >> 4 > 7) throw new InvalidDataException($"bad zlib header (window size 2^{(cmf >> 4) + 8} exceeds 32 KiB)");
        if ((cmf << 8 | flg) % 31 != 0) throw new InvalidDataException("bad zlib header (check bits do not match)");
        if ((flg & 0x20) != 0) throw new InvalidDataException("bad zlib header (preset dictionary, not allowed here)");
        _buffer = buffer;
        _start = offset;
        _end = offset + count;
        _deflate = new DeflateStream(new MemoryStream(buffer, offset + 2, count - 2, writable: false), CompressionMode.Decompress);
    }

    /// <summary>Inflated bytes delivered so far.</summary>
    public long TotalOut { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_ended || buffer.IsEmpty) return 0;
        int n;
        try
        {
            n = _deflate.Read(buffer);
        }
        catch (InvalidDataException)
        {
            throw new InvalidDataException("corrupt deflate data (invalid code or distance)");
        }
        if (n == 0)
        {
            _ended = true;
            CheckTrailer();
            return 0;
        }
        _adler.Append(buffer[..n]);
        TotalOut += n;
        return n;
    }

    /// <summary>Reads to the end of the deflate data (at most <paramref name="limit"/> more bytes) and checks the Adler-32.</summary>
    /// <returns>The number of bytes that were left over.</returns>
    public long ReadToEnd(long limit)
    {
        Span<byte> scratch = stackalloc byte[4096];
        long extra = 0;
        while (true)
        {
            int n = Read(scratch);
            if (n == 0) return extra;
            extra += n;
            if (extra > limit) throw new InvalidDataException($"more than {limit} bytes of extra data after the expected end");
        }
    }

    private void CheckTrailer()
    {
        uint computed = _adler.GetCurrentHashAsUInt32();
        if (_end - _start < 7)
            throw new InvalidDataException("zlib stream truncated (no Adler-32 trailer)");
        uint stored = BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(_end - 4));
        if (stored != computed)
            throw new InvalidDataException($"bad Adler-32 checksum (stored {stored:X8}, computed {computed:X8}): the data is corrupt or truncated");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _deflate.Dispose();
        base.Dispose(disposing);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
