namespace SuperRes.Imaging.Png;

/// <summary>
/// A write-only stream that cuts the zlib data it is given into IDAT chunks of <c>chunkSize</c>
/// bytes (the last one shorter), each written to the output as soon as it fills, so the compressed
/// image never sits in memory whole.
/// </summary>
internal sealed class IdatChunkStream : Stream
{
    public const int DefaultChunkSize = 1 << 20;

    private readonly Stream _output;
    private readonly int _chunkSize;
    private readonly byte[] _chunk; // length and type, body, CRC
    private int _length;

    public IdatChunkStream(Stream output, int chunkSize = DefaultChunkSize)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        _output = output;
        _chunkSize = chunkSize;
        _chunk = new byte[chunkSize + PngChunk.Overhead];
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            int n = Math.Min(_chunkSize - _length, buffer.Length);
            buffer[..n].CopyTo(_chunk.AsSpan(8 + _length));
            _length += n;
            buffer = buffer[n..];
            if (_length == _chunkSize) WriteChunk();
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    /// <summary>Does nothing: a zlib flush must not cut a short chunk; <see cref="WritePending"/> ends the data.</summary>
    public override void Flush()
    {
    }

    /// <summary>Writes the partly filled chunk, if any (after the zlib stream is closed).</summary>
    public void WritePending()
    {
        if (_length > 0) WriteChunk();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    private void WriteChunk()
    {
        PngChunk.WriteInPlace(_output, "IDAT", _chunk, _length);
        _length = 0;
    }
}
