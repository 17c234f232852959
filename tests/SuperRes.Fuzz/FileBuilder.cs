using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace SuperRes.Fuzz;

/// <summary>Small writers for the pieces of PNG, JPEG, MAT and safetensors files, used to craft test inputs.</summary>
public static class FileBuilder
{
    public static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A PNG chunk: length, type, body, CRC-32.</summary>
    public static byte[] PngChunk(string type, ReadOnlySpan<byte> body)
    {
        var chunk = new byte[body.Length + 12];
        BinaryPrimitives.WriteInt32BigEndian(chunk, body.Length);
        Encoding.ASCII.GetBytes(type, chunk.AsSpan(4, 4));
        body.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + body.Length), Crc32.HashToUInt32(chunk.AsSpan(4, body.Length + 4)));
        return chunk;
    }

    public static byte[] Ihdr(uint width, uint height, byte bitDepth, byte colorType, byte interlace = 0)
    {
        var body = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(body, width);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(4), height);
        body[8] = bitDepth;
        body[9] = colorType;
        body[12] = interlace;
        return PngChunk("IHDR", body);
    }

    /// <summary>A whole PNG: signature, IHDR, the given chunks, IEND.</summary>
    public static byte[] Png(uint width, uint height, byte bitDepth, byte colorType, params byte[][] chunks) =>
        Concat([PngSignature, Ihdr(width, height, bitDepth, colorType), .. chunks, PngChunk("IEND", [])]);

    /// <summary>zlib-compresses <paramref name="data"/>.</summary>
    public static byte[] Zlib(ReadOnlySpan<byte> data)
    {
        var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true)) z.Write(data);
        return output.ToArray();
    }

    /// <summary>A JPEG marker segment: FF, marker, big-endian length (including itself), body.</summary>
    public static byte[] Segment(byte marker, ReadOnlySpan<byte> body)
    {
        var segment = new byte[body.Length + 4];
        segment[0] = 0xFF;
        segment[1] = marker;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(body.Length + 2));
        body.CopyTo(segment.AsSpan(4));
        return segment;
    }

    /// <summary>SOF0 (or SOF2) for gray (one component) or 3-component 4:4:4, quantisation table 0.</summary>
    public static byte[] StartOfFrame(int width, int height, int components, bool progressive = false)
    {
        var body = new byte[6 + 3 * components];
        body[0] = 8;
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(1), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(3), (ushort)width);
        body[5] = (byte)components;
        for (int i = 0; i < components; i++)
        {
            body[6 + 3 * i] = (byte)(i + 1);
            body[7 + 3 * i] = 0x11;
        }
        return Segment(progressive ? (byte)0xC2 : (byte)0xC0, body);
    }

    /// <summary>DQT: table 0, all ones.</summary>
    public static byte[] QuantTable() => Segment(0xDB, [0, .. Enumerable.Repeat((byte)1, 64)]);

    /// <summary>
    /// DHT with the smallest useful tables: DC table 0 and AC table 0 each hold one 1-bit code, "0",
    /// meaning DC difference category 0 and end of block. A block then codes as two zero bits.
    /// </summary>
    public static byte[] TinyHuffmanTables()
    {
        byte[] one = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        return Segment(0xC4, [0x00, .. one, 0x00, 0x10, .. one, 0x00]);
    }

    /// <summary>SOS over the first <paramref name="components"/> components, tables 0, full spectrum.</summary>
    public static byte[] StartOfScan(int components, int ss = 0, int se = 63, int ahAl = 0)
    {
        var body = new List<byte> { (byte)components };
        for (int i = 0; i < components; i++) body.AddRange([(byte)(i + 1), 0x00]);
        body.AddRange([(byte)ss, (byte)se, (byte)ahAl]);
        return Segment(0xDA, body.ToArray());
    }

    public static readonly byte[] Soi = [0xFF, 0xD8];
    public static readonly byte[] Eoi = [0xFF, 0xD9];

    /// <summary>A MAT-file v5 header: 116 bytes of text, 8 of subsystem offset, version 0x0100, "IM".</summary>
    public static byte[] MatHeader()
    {
        var header = new byte[128];
        Encoding.ASCII.GetBytes("MATLAB 5.0 MAT-file, crafted".PadRight(116), header);
        header[124] = 0x00;
        header[125] = 0x01;
        header[126] = (byte)'I';
        header[127] = (byte)'M';
        return header;
    }

    /// <summary>A MAT data element: type, size, data, padded to 8 bytes (except miCOMPRESSED, type 15).</summary>
    public static byte[] MatElement(uint type, ReadOnlySpan<byte> data)
    {
        int padded = type == 15 ? data.Length : (data.Length + 7) & ~7;
        var element = new byte[8 + padded];
        BinaryPrimitives.WriteUInt32LittleEndian(element, type);
        BinaryPrimitives.WriteUInt32LittleEndian(element.AsSpan(4), (uint)data.Length);
        data.CopyTo(element.AsSpan(8));
        return element;
    }

    /// <summary>A miMATRIX element: array flags (class), dimensions, name, then <paramref name="contents"/>.</summary>
    public static byte[] MatMatrix(byte matClass, int[] dims, string name, params byte[][] contents)
    {
        var flags = new byte[8];
        flags[0] = matClass;
        var dimBytes = new byte[4 * dims.Length];
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(dimBytes.AsSpan(4 * i), dims[i]);
        byte[] body = Concat([MatElement(6, flags), MatElement(5, dimBytes), MatElement(1, Encoding.ASCII.GetBytes(name)), .. contents]);
        return MatElement(14, body);
    }

    /// <summary>A double matrix [rows x cols] holding <paramref name="values"/> (column-major).</summary>
    public static byte[] MatDoubles(string name, int rows, int cols, double[] values)
    {
        var data = new byte[8 * values.Length];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(8 * i), values[i]);
        return MatMatrix(6, [rows, cols], name, MatElement(9, data));
    }

    public static byte[] Int32Element(int value)
    {
        var data = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(data, value);
        return MatElement(5, data);
    }

    /// <summary>A safetensors file: header length, JSON header, data.</summary>
    public static byte[] SafeTensors(string json, ReadOnlySpan<byte> data)
    {
        byte[] header = Encoding.UTF8.GetBytes(json);
        var file = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)header.Length);
        header.CopyTo(file, 8);
        data.CopyTo(file.AsSpan(8 + header.Length));
        return file;
    }

    public static byte[] Concat(params byte[][] parts)
    {
        var result = new byte[parts.Sum(p => p.Length)];
        int at = 0;
        foreach (var p in parts)
        {
            p.CopyTo(result, at);
            at += p.Length;
        }
        return result;
    }
}
