namespace SuperRes.Tensors.IO;

/// <summary>
/// A write-only stream that keeps its first bytes in memory and creates its file only when they
/// pass <see cref="Threshold"/> or on <see cref="Commit"/>: a temporary output exists on disk only
/// while real data is being written (not during the minutes of computing before it). Used by
/// <see cref="DurableFile"/> for its temporary file.
/// </summary>
internal sealed class DeferredFileStream(string path, Action created) : Stream
{
    public const int Threshold = 64 << 10;

    private MemoryStream? _buffer = new();
    private FileStream? _file;
    private long _length;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;
    public override long Position { get => _length; set => throw new NotSupportedException(); }

    /// <summary>True once the file exists.</summary>
    public bool FileCreated => _file is not null;

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _length += buffer.Length;
        if (_buffer is not null)
        {
            _buffer.Write(buffer);
            if (_buffer.Length > Threshold) Open();
            return;
        }
        _file!.Write(buffer);
    }

    /// <summary>Puts everything on disk (creating the file if it was all still in memory) and flushes it.</summary>
    public void Commit()
    {
        if (_buffer is not null) Open();
        _file!.Flush(flushToDisk: true);
    }

    public override void Flush() => _file?.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _file?.Dispose();
        base.Dispose(disposing);
    }

    private void Open()
    {
        created();
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        _buffer!.Position = 0;
        _buffer.CopyTo(_file);
        _buffer = null;
    }
}
