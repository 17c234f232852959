using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace SuperRes.Weights;

internal sealed partial class MatReader
{
    private const uint ComplexFlag = 0x0800;
    private const uint LogicalFlag = 0x0200;

    /// <summary>Parses the contents of one miMATRIX element, [start, end).</summary>
    private MatArray ReadMatrix(byte[] b, int start, int end, string where, int depth)
    {
        if (depth > MaxDepth) throw Fail($"{where}: arrays nested deeper than {MaxDepth} levels.");
        if (start == end) return new MatNumericArray("", [0, 0], MatClass.Double, Array.Empty<double>(), null);

        var flags = ReadTag(b, start, end, where);
        if (flags.Type != MatDataType.UInt32 || flags.Size != 8)
            throw Fail($"{where}: array flags must be 8 bytes of miUINT32, found type {(uint)flags.Type} size {flags.Size}.");
        uint flagWord = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(flags.Start));
        var matClass = (MatClass)(flagWord & 0xFF);

        var dimsElement = ReadTag(b, flags.Next, end, where);
        if (dimsElement.Type != MatDataType.Int32 || dimsElement.Size % 4 != 0 || dimsElement.Size == 0)
            throw Fail($"{where}: dimensions must be miINT32 values, found type {(uint)dimsElement.Type} size {dimsElement.Size}.");
        var dims = new int[Math.Max(2, dimsElement.Size / 4)];
        dims.AsSpan().Fill(1);
        long count = 1;
        for (int i = 0; i < dimsElement.Size / 4; i++)
        {
            dims[i] = BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(dimsElement.Start + 4 * i));
            if (dims[i] < 0) throw Fail($"{where}: negative dimension {dims[i]}.");
            count *= dims[i];
            if (count > Array.MaxLength) throw Fail($"{where}: dimensions [{string.Join('x', dims)}] exceed the largest array.");
        }

        var nameElement = ReadTag(b, dimsElement.Next, end, where);
        if (nameElement.Type is not (MatDataType.Int8 or MatDataType.UInt8 or MatDataType.Utf8))
            throw Fail($"{where}: array name must be miINT8, found type {(uint)nameElement.Type}.");
        string name = Encoding.UTF8.GetString(b, nameElement.Start, nameElement.Size);
        string here = name.Length > 0 ? $"{where} '{name}'" : where;
        int pos = nameElement.Next;
        int n = (int)count;

        switch (matClass)
        {
            case MatClass.Cell:
                return new MatCellArray(name, dims, ReadChildren(b, ref pos, end, n, here, depth));
            case MatClass.Struct:
                return ReadStruct(b, pos, end, name, dims, n, here, depth);
            case MatClass.Object:
                var className = ReadTag(b, pos, end, here);
                return ReadStruct(b, className.Next, end, name, dims, n, here, depth);
            case MatClass.Char:
                return new MatCharArray(name, dims, ReadChars(b, pos, end, n, here));
            case >= MatClass.Double and <= MatClass.UInt64:
                var target = (flagWord & LogicalFlag) != 0 ? MatClass.Logical : matClass;
                var realElement = ReadTag(b, pos, end, here);
                var real = ReadNumbers(b, realElement, target, n, here);
                Array? imaginary = null;
                if ((flagWord & ComplexFlag) != 0)
                    imaginary = ReadNumbers(b, ReadTag(b, realElement.Next, end, here), target, n, here + " (imaginary part)");
                return new MatNumericArray(name, dims, target, real, imaginary);
            default:
                throw Fail($"{here}: unsupported array class {(int)matClass} ({matClass}).");
        }
    }

    private MatArray[] ReadChildren(byte[] b, ref int pos, int end, long n, string where, int depth)
    {
        // Each child takes at least an 8-byte tag: check before allocating.
        if (n * 8 > end - pos) throw Fail($"{where}: {n} elements cannot fit in the {end - pos} bytes that remain.");
        var children = new MatArray[n];
        for (int i = 0; i < n; i++)
        {
            var e = ReadTag(b, pos, end, where);
            if (e.Type != MatDataType.Matrix) throw Fail($"{where}: element {i} has type {(uint)e.Type}, expected miMATRIX.");
            children[i] = ReadMatrix(b, e.Start, e.Start + e.Size, $"{where}[{i}]", depth + 1);
            pos = e.Next;
        }
        return children;
    }

    private MatStructArray ReadStruct(byte[] b, int pos, int end, string name, int[] dims, int n, string where, int depth)
    {
        var lengthElement = ReadTag(b, pos, end, where);
        if (lengthElement.Type != MatDataType.Int32 || lengthElement.Size != 4)
            throw Fail($"{where}: field name length must be one miINT32, found type {(uint)lengthElement.Type} size {lengthElement.Size}.");
        int nameLength = BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(lengthElement.Start));
        var namesElement = ReadTag(b, lengthElement.Next, end, where);
        if (namesElement.Type != MatDataType.Int8) throw Fail($"{where}: field names must be miINT8, found type {(uint)namesElement.Type}.");
        if (nameLength <= 0 && namesElement.Size > 0) throw Fail($"{where}: field name length {nameLength} must be positive.");
        if (namesElement.Size > 0 && namesElement.Size % nameLength != 0)
            throw Fail($"{where}: {namesElement.Size} bytes of field names is not a multiple of the name length {nameLength}.");
        int fieldCount = namesElement.Size == 0 ? 0 : namesElement.Size / nameLength;
        // A struct array without fields stores nothing per element: bound its count by the bytes it occupies.
        if (fieldCount == 0 && n > end - pos)
            throw Fail($"{where}: struct array of {n} elements without fields is larger than its {end - pos}-byte element allows.");
        var fields = new string[fieldCount];
        for (int f = 0; f < fieldCount; f++)
        {
            var raw = b.AsSpan(namesElement.Start + f * nameLength, nameLength);
            int zero = raw.IndexOf((byte)0);
            fields[f] = Encoding.ASCII.GetString(zero < 0 ? raw : raw[..zero]);
        }
        pos = namesElement.Next;
        var all = ReadChildren(b, ref pos, end, (long)n * fieldCount, where, depth);
        var values = new MatArray[n][];
        for (int i = 0; i < n; i++) values[i] = all.AsSpan(i * fieldCount, fieldCount).ToArray();
        return new MatStructArray(name, dims, fields, values);
    }

    private char[] ReadChars(byte[] b, int pos, int end, int n, string where)
    {
        if (n == 0 && pos >= end) return [];
        var e = ReadTag(b, pos, end, where);
        var data = b.AsSpan(e.Start, e.Size);
        char[] chars = e.Type switch
        {
            MatDataType.Utf8 => Encoding.UTF8.GetString(data).ToCharArray(),
            MatDataType.UInt16 or MatDataType.Utf16 when e.Size % 2 == 0 => MemoryMarshal.Cast<byte, char>(data).ToArray(),
            MatDataType.UInt8 or MatDataType.Int8 => Encoding.Latin1.GetString(data).ToCharArray(),
            _ => throw Fail($"{where}: char data of type {(uint)e.Type} and {e.Size} bytes is not supported."),
        };
        if (chars.Length != n) throw Fail($"{where}: char array of {n} elements holds {chars.Length} characters.");
        return chars;
    }

    private Array ReadNumbers(byte[] b, Element e, MatClass target, int n, string where)
    {
        int size = ElementSize(e.Type);
        if (size == 0) throw Fail($"{where}: numeric data of non-numeric type {(uint)e.Type}.");
        if (e.Size != (long)n * size)
            throw Fail($"{where}: {n} elements need {(long)n * size} bytes of type {e.Type}, the element holds {e.Size}.");
        var src = b.AsSpan(e.Start, e.Size);
        return target switch
        {
            MatClass.Double => Convert(src, e.Type, MatDataType.Double, n, v => v),
            MatClass.Single => Convert(src, e.Type, MatDataType.Single, n, v => (float)v),
            MatClass.Int8 => Convert(src, e.Type, MatDataType.Int8, n, v => (sbyte)v),
            MatClass.UInt8 => Convert(src, e.Type, MatDataType.UInt8, n, v => (byte)v),
            MatClass.Int16 => Convert(src, e.Type, MatDataType.Int16, n, v => (short)v),
            MatClass.UInt16 => Convert(src, e.Type, MatDataType.UInt16, n, v => (ushort)v),
            MatClass.Int32 => Convert(src, e.Type, MatDataType.Int32, n, v => (int)v),
            MatClass.UInt32 => Convert(src, e.Type, MatDataType.UInt32, n, v => (uint)v),
            MatClass.Int64 => Convert(src, e.Type, MatDataType.Int64, n, v => (long)v),
            MatClass.UInt64 => Convert(src, e.Type, MatDataType.UInt64, n, v => (ulong)v),
            _ => Convert(src, e.Type, (MatDataType)0, n, v => v != 0), // logical
        };
    }

    private static T[] Convert<T>(ReadOnlySpan<byte> src, MatDataType type, MatDataType native, int n, Func<double, T> cast)
        where T : unmanaged
    {
        if (type == native) return MemoryMarshal.Cast<byte, T>(src).ToArray();
        var result = new T[n];
        for (int i = 0; i < n; i++) result[i] = cast(ReadValue(src, type, i));
        return result;
    }

    private static double ReadValue(ReadOnlySpan<byte> s, MatDataType type, int i) => type switch
    {
        MatDataType.Int8 => (sbyte)s[i],
        MatDataType.UInt8 => s[i],
        MatDataType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(s[(2 * i)..]),
        MatDataType.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(s[(2 * i)..]),
        MatDataType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(s[(4 * i)..]),
        MatDataType.UInt32 => BinaryPrimitives.ReadUInt32LittleEndian(s[(4 * i)..]),
        MatDataType.Single => BinaryPrimitives.ReadSingleLittleEndian(s[(4 * i)..]),
        MatDataType.Double => BinaryPrimitives.ReadDoubleLittleEndian(s[(8 * i)..]),
        MatDataType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(s[(8 * i)..]),
        _ => BinaryPrimitives.ReadUInt64LittleEndian(s[(8 * i)..]),
    };

    private static int ElementSize(MatDataType type) => type switch
    {
        MatDataType.Int8 or MatDataType.UInt8 => 1,
        MatDataType.Int16 or MatDataType.UInt16 => 2,
        MatDataType.Int32 or MatDataType.UInt32 or MatDataType.Single => 4,
        MatDataType.Double or MatDataType.Int64 or MatDataType.UInt64 => 8,
        _ => 0,
    };
}
