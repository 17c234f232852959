using System.Buffers.Binary;
using System.IO.Compression;
using SuperRes.Imaging.Png;

namespace SuperRes.Imaging;

/// <summary>
/// ICC colour profiles carried from an input file to an output: read from a PNG <c>iCCP</c> chunk,
/// JPEG APP2 <c>ICC_PROFILE</c> segments or a BMP V5 header's embedded profile, written as a PNG <c>iCCP</c> chunk (JPEG output:
/// <see cref="Jpeg.JpegEncoderOptions.IccProfile"/>). Metadata is optional: a malformed or absent
/// profile reads as null, never as an error.
/// </summary>
public static class IccProfile
{
    /// <summary>Largest profile accepted (real profiles are a few KB; v4 LUT profiles under 1 MB).</summary>
    public const int MaxBytes = 4 << 20;

    /// <summary>The profile embedded in a PNG, JPEG or BMP file, or null.</summary>
    public static byte[]? Read(ReadOnlySpan<byte> file) =>
        ImageCodecs.DetectFormat(file) switch
        {
            ImageFileFormat.Png => ReadPng(file),
            ImageFileFormat.Jpeg => ReadJpeg(file),
            ImageFileFormat.Bmp => ReadBmp(file, null),
            _ => null,
        };

    /// <summary>Reads the profile of a file on disk without decoding its pixels (stops at the first pixel data).</summary>
    public static byte[]? Read(string path)
    {
        using var stream = File.OpenRead(path);
        var head = new byte[(int)Math.Min(stream.Length, 16L << 20)];
        stream.ReadExactly(head);
        // A BMP's profile usually follows the pixels, so it may lie past the bytes read.
        return ImageCodecs.DetectFormat(head) == ImageFileFormat.Bmp ? ReadBmp(head, stream) : Read(head);
    }

    /// <summary>
    /// A BITMAPV5HEADER's embedded profile (bV5CSType PROFILE_EMBEDDED, 'MBED'): bV5ProfileData is its
    /// offset from the header's start (file offset 14), bV5ProfileSize its length. Linked profiles
    /// (a file name) are not followed.
    /// </summary>
    private static byte[]? ReadBmp(ReadOnlySpan<byte> file, Stream? whole)
    {
        const int Header = 14;
        if (file.Length < Header + 124 || BinaryPrimitives.ReadInt32LittleEndian(file[Header..]) != 124) return null;
        if (BinaryPrimitives.ReadUInt32LittleEndian(file[(Header + 56)..]) != 0x4D424544) return null; // 'MBED'
        long offset = Header + (long)BinaryPrimitives.ReadUInt32LittleEndian(file[(Header + 112)..]);
        uint size = BinaryPrimitives.ReadUInt32LittleEndian(file[(Header + 116)..]);
        if (size == 0 || size > MaxBytes) return null;
        if (offset + size <= file.Length) return file.Slice((int)offset, (int)size).ToArray();
        if (whole is null || offset + size > whole.Length) return null;
        whole.Position = offset;
        var profile = new byte[size];
        whole.ReadExactly(profile);
        return profile;
    }

    /// <summary>
    /// A stream that passes a PNG through and inserts an <c>iCCP</c> chunk after IHDR (the first chunk),
    /// as the PNG specification requires it before PLTE and IDAT.
    /// </summary>
    public static Stream InsertIntoPng(Stream png, byte[] profile)
    {
        ArgumentNullException.ThrowIfNull(png);
        ArgumentNullException.ThrowIfNull(profile);
        var compressed = new MemoryStream();
        compressed.Write("ICC profile\0\0"u8);
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) z.Write(profile);
        var chunk = new MemoryStream();
        PngChunk.Write(chunk, "iCCP", compressed.ToArray());
        return new ChunkInsertingStream(png, 8 + PngChunk.Overhead + 13, chunk.ToArray());
    }

    private static byte[]? ReadPng(ReadOnlySpan<byte> file)
    {
        int pos = 8;
        while (pos + 8 <= file.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(file[pos..]);
            var type = file.Slice(pos + 4, 4);
            if (length < 0 || pos + 12L + length > file.Length) return null;
            if (type.SequenceEqual("iCCP"u8)) return Inflate(file.Slice(pos + 8, length));
            if (type.SequenceEqual("IDAT"u8) || type.SequenceEqual("IEND"u8)) return null;
            pos += 12 + length;
        }
        return null;
    }

    private static byte[]? Inflate(ReadOnlySpan<byte> body)
    {
        int nul = body.IndexOf((byte)0);
        if (nul < 1 || nul + 2 > body.Length || body[nul + 1] != 0) return null;
        try
        {
            using var z = new ZLibStream(new MemoryStream(body[(nul + 2)..].ToArray()), CompressionMode.Decompress);
            var result = new MemoryStream();
            var buffer = new byte[81920];
            int n;
            while ((n = z.Read(buffer)) > 0)
            {
                if (result.Length + n > MaxBytes) return null;
                result.Write(buffer, 0, n);
            }
            return result.Length > 0 ? result.ToArray() : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static byte[]? ReadJpeg(ReadOnlySpan<byte> file)
    {
        var chunks = new SortedDictionary<int, byte[]>();
        int expected = 0, pos = 2;
        while (pos + 4 <= file.Length && file[pos] == 0xFF)
        {
            byte marker = file[pos + 1];
            if (marker is 0xDA or 0xD9) break;
            if (marker == 0xFF) { pos++; continue; }
            int length = BinaryPrimitives.ReadUInt16BigEndian(file[(pos + 2)..]);
            if (length < 2 || pos + 2 + length > file.Length) break;
            var body = file.Slice(pos + 4, length - 2);
            if (marker == 0xE2 && body.Length > 14 && body.StartsWith("ICC_PROFILE\0"u8))
            {
                expected = body[13];
                chunks.TryAdd(body[12], body[14..].ToArray());
            }
            pos += 2 + length;
        }
        if (chunks.Count == 0 || chunks.Count != expected) return null;
        var profile = chunks.Values.SelectMany(c => c).ToArray();
        return profile.Length <= MaxBytes ? profile : null;
    }

    /// <summary>Forwards writes, inserting fixed bytes once <c>offset</c> bytes have passed.</summary>
    private sealed class ChunkInsertingStream(Stream inner, long offset, byte[] insert) : Stream
    {
        private long _written;
        private bool _inserted;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _written; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (!_inserted && _written + buffer.Length >= offset)
            {
                int before = (int)(offset - _written);
                inner.Write(buffer[..before]);
                inner.Write(insert);
                _inserted = true;
                inner.Write(buffer[before..]);
            }
            else
            {
                inner.Write(buffer);
            }
            _written += buffer.Length;
        }
    }
}
