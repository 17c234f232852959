using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using SuperRes.Weights;

namespace SuperRes.Tests.Weights;

/// <summary>Builds small MAT-file v5 byte streams by hand, to test the reader on known content.</summary>
internal static class MatTestWriter
{
    public const uint MiInt8 = 1, MiUInt8 = 2, MiUInt16 = 4, MiInt32 = 5, MiUInt32 = 6, MiSingle = 7, MiDouble = 9,
        MiMatrix = 14, MiCompressed = 15, MiUtf8 = 16;

    public static byte[] File(params byte[][] elements) => Concat([Header(), .. elements]);

    public static byte[] Header(ushort version = 0x0100, string endian = "IM")
    {
        var h = new byte[128];
        Encoding.ASCII.GetBytes("MATLAB 5.0 MAT-file, written by SuperRes tests".PadRight(116)).CopyTo(h, 0);
        h[124] = (byte)version;
        h[125] = (byte)(version >> 8);
        h[126] = (byte)endian[0];
        h[127] = (byte)endian[1];
        return h;
    }

    /// <summary>A full data element: 8-byte tag, data, padding to 8 bytes.</summary>
    public static byte[] Element(uint type, byte[] data, bool pad = true)
    {
        int padded = pad ? (data.Length + 7) & ~7 : data.Length;
        var e = new byte[8 + padded];
        BitConverter.GetBytes(type).CopyTo(e, 0);
        BitConverter.GetBytes((uint)data.Length).CopyTo(e, 4);
        data.CopyTo(e, 8);
        return e;
    }

    /// <summary>The small data element form: size and type in one word, up to 4 data bytes.</summary>
    public static byte[] Small(uint type, byte[] data)
    {
        var e = new byte[8];
        BitConverter.GetBytes((uint)(data.Length << 16) | type).CopyTo(e, 0);
        data.CopyTo(e, 4);
        return e;
    }

    public static byte[] Compressed(byte[] element)
    {
        using var memory = new MemoryStream();
        using (var z = new ZLibStream(memory, CompressionLevel.Optimal, leaveOpen: true)) z.Write(element);
        return Element(MiCompressed, memory.ToArray(), pad: false);
    }

    public static byte[] Matrix(MatClass matClass, int[] dims, string name, uint flags, params byte[][] content)
    {
        var flagWords = new byte[8];
        BitConverter.GetBytes((uint)matClass | flags).CopyTo(flagWords, 0);
        byte[] nameElement = name.Length is > 0 and <= 4
            ? Small(MiInt8, Encoding.ASCII.GetBytes(name))
            : Element(MiInt8, Encoding.ASCII.GetBytes(name));
        return Element(MiMatrix, Concat([Element(MiUInt32, flagWords), Element(MiInt32, Bytes<int>(dims)), nameElement, .. content]));
    }

    public static byte[] Doubles(string name, int[] dims, double[] values) =>
        Matrix(MatClass.Double, dims, name, 0, Element(MiDouble, Bytes<double>(values)));

    public static byte[] Singles(string name, int[] dims, float[] values) =>
        Matrix(MatClass.Single, dims, name, 0, Element(MiSingle, Bytes<float>(values)));

    public static byte[] Text(string name, string value) =>
        Matrix(MatClass.Char, [1, value.Length], name, 0, Element(MiUtf8, Encoding.UTF8.GetBytes(value)));

    public static byte[] Cell(string name, int[] dims, params byte[][] cells) =>
        Matrix(MatClass.Cell, dims, name, 0, cells);

    /// <summary>A struct array; <paramref name="values"/> lists each element's fields in order, elements column-major.</summary>
    public static byte[] Struct(string name, int[] dims, string[] fields, params byte[][] values)
    {
        const int nameLength = 32;
        var names = new byte[nameLength * fields.Length];
        for (int i = 0; i < fields.Length; i++) Encoding.ASCII.GetBytes(fields[i]).CopyTo(names, i * nameLength);
        return Matrix(MatClass.Struct, dims, name, 0, [Small(MiInt32, BitConverter.GetBytes(nameLength)), Element(MiInt8, names), .. values]);
    }

    public static byte[] Bytes<T>(T[] values) where T : unmanaged => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
