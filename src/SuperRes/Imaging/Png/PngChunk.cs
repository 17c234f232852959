using System.Buffers.Binary;
using System.IO.Hashing;

namespace SuperRes.Imaging.Png;

/// <summary>Writes PNG chunks: big-endian length, type, body, CRC-32 of type and body.</summary>
internal static class PngChunk
{
    /// <summary>Bytes a chunk adds around its body.</summary>
    public const int Overhead = 12;

    public static void Write(Stream output, string type, ReadOnlySpan<byte> body)
    {
        var buffer = new byte[body.Length + Overhead];
        body.CopyTo(buffer.AsSpan(8));
        WriteInPlace(output, type, buffer, body.Length);
    }

    /// <summary>
    /// Writes a chunk whose body already sits at <c>buffer[8..8 + length]</c>, filling in the length,
    /// type and CRC around it, so a large body is not copied again.
    /// </summary>
    public static void WriteInPlace(Stream output, string type, byte[] buffer, int length)
    {
        BinaryPrimitives.WriteInt32BigEndian(buffer, length);
        for (int i = 0; i < 4; i++) buffer[4 + i] = (byte)type[i];
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(8 + length), Crc32.HashToUInt32(buffer.AsSpan(4, length + 4)));
        output.Write(buffer, 0, length + Overhead);
    }
}
