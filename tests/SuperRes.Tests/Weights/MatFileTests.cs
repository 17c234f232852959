using System.Text;
using SuperRes.Weights;
using static SuperRes.Tests.Weights.MatTestWriter;

namespace SuperRes.Tests.Weights;

public class MatFileTests
{
    [Fact]
    public void Read_DoubleMatrix_ValuesColumnMajorAndDimensions()
    {
        var file = MatFile.Read(File(Doubles("a", [2, 3], [1, 2, 3, 4, 5, 6])), "t.mat");
        var a = Assert.IsType<MatNumericArray>(Assert.Single(file.Variables));
        Assert.Equal("a", a.Name);
        Assert.Equal(MatClass.Double, a.Class);
        Assert.Equal([2, 3], a.Dimensions);
        Assert.Equal([1.0, 2, 3, 4, 5, 6], (double[])a.Real);
        Assert.StartsWith("MATLAB 5.0", file.HeaderText);
    }

    [Fact]
    public void Read_CompressedElements_InflatesEachVariable()
    {
        var rng = new Random(3);
        var values = Enumerable.Range(0, 300).Select(_ => (float)rng.NextDouble()).ToArray();
        var file = MatFile.Read(File(Compressed(Singles("weights", [3, 10, 10], values)), Compressed(Text("label", "hello"))), "t.mat");
        Assert.Equal(2, file.Variables.Count);
        var w = Assert.IsType<MatNumericArray>(file.Find("weights"));
        Assert.Equal([3, 10, 10], w.Dimensions);
        Assert.Equal(values, w.ToSingleArray());
        Assert.Equal("hello", Assert.IsType<MatCharArray>(file.Find("label")).Value);
    }

    [Fact]
    public void Read_StorageTypeNarrowerThanClass_ConvertsToClass()
    {
        // MATLAB stores a double array of small integers as miUINT8 to save space.
        var bytes = File(Matrix(MatClass.Double, [1, 3], "d", 0, Element(MiUInt8, [7, 0, 255])));
        var d = Assert.IsType<MatNumericArray>(MatFile.Read(bytes, "t.mat").Variables[0]);
        Assert.Equal([7.0, 0, 255], (double[])d.Real);
    }

    [Fact]
    public void Read_SmallElementForm_ReadsData()
    {
        var bytes = File(Matrix(MatClass.Int32, [1, 1], "s", 0, Small(MiInt32, BitConverter.GetBytes(-42))));
        var s = Assert.IsType<MatNumericArray>(MatFile.Read(bytes, "t.mat").Variables[0]);
        Assert.Equal(new[] { -42 }, (int[])s.Real);
    }

    [Theory]
    [InlineData(MatClass.Int8, MiInt8, 1)]
    [InlineData(MatClass.UInt16, MiUInt16, 2)]
    [InlineData(MatClass.UInt32, MiUInt32, 4)]
    [InlineData(MatClass.Int64, 12u, 8)]
    public void Read_IntegerClasses_TypedArrays(MatClass matClass, uint type, int size)
    {
        var raw = new byte[3 * size];
        for (int i = 0; i < 3; i++) raw[i * size] = (byte)(i + 1);
        var a = Assert.IsType<MatNumericArray>(MatFile.Read(File(Matrix(matClass, [3, 1], "i", 0, Element(type, raw))), "t.mat").Variables[0]);
        Assert.Equal(matClass, a.Class);
        Assert.Equal([1.0, 2, 3], a.ToDoubleArray());
    }

    [Fact]
    public void Read_LogicalFlag_BoolArray()
    {
        var bytes = File(Matrix(MatClass.UInt8, [1, 3], "b", 0x0200, Element(MiUInt8, [1, 0, 1])));
        var b = Assert.IsType<MatNumericArray>(MatFile.Read(bytes, "t.mat").Variables[0]);
        Assert.Equal(MatClass.Logical, b.Class);
        Assert.Equal([true, false, true], (bool[])b.Real);
    }

    [Fact]
    public void Read_ComplexFlag_ReadsImaginaryPart()
    {
        var bytes = File(Matrix(MatClass.Double, [1, 2], "z", 0x0800, Element(MiDouble, Bytes<double>([1, 2])), Element(MiDouble, Bytes<double>([3, 4]))));
        var z = Assert.IsType<MatNumericArray>(MatFile.Read(bytes, "t.mat").Variables[0]);
        Assert.True(z.IsComplex);
        Assert.Equal([3.0, 4], (double[])z.Imaginary!);
    }

    [Fact]
    public void Read_CharAsUInt16AndMatrix_RowsDecoded()
    {
        // 2x3 char matrix ["abc"; "def"], column-major: a d b e c f.
        var chars = Bytes("adbecf".ToCharArray());
        var bytes = File(Matrix(MatClass.Char, [2, 3], "c", 0, Element(MiUInt16, chars)));
        var c = Assert.IsType<MatCharArray>(MatFile.Read(bytes, "t.mat").Variables[0]);
        Assert.Equal("abc", c.GetRow(0));
        Assert.Equal("def", c.GetRow(1));
    }

    [Fact]
    public void Read_CellOfMixedArrays_Cells()
    {
        var bytes = File(Compressed(Cell("cell", [1, 3], Text("", "x"), Doubles("", [1, 1], [2.5]), Element(MiMatrix, []))));
        var cell = Assert.IsType<MatCellArray>(MatFile.Read(bytes, "t.mat").Variables[0]);
        Assert.Equal(3, cell.Cells.Count);
        Assert.Equal("x", Assert.IsType<MatCharArray>(cell[0]).Value);
        Assert.Equal(2.5, Assert.IsType<MatNumericArray>(cell[1]).GetDouble(0));
        Assert.True(cell[2].IsEmpty);
    }

    [Fact]
    public void Read_StructArray_FieldsPerElement()
    {
        var bytes = File(Compressed(Struct("layers", [1, 2], ["name", "size"],
            Text("", "conv1"), Doubles("", [1, 2], [3, 3]),
            Text("", "conv2"), Struct("", [1, 1], ["inner"], Doubles("", [1, 1], [9])))));
        var s = Assert.IsType<MatStructArray>(MatFile.Read(bytes, "t.mat").Variables[0]);
        Assert.Equal(["name", "size"], s.FieldNames);
        Assert.Equal(2, s.Count);
        Assert.Equal("conv2", Assert.IsType<MatCharArray>(s[1, "name"]).Value);
        var inner = Assert.IsType<MatStructArray>(s[1, "size"]);
        Assert.Equal(9.0, Assert.IsType<MatNumericArray>(inner["inner"]).GetDouble(0));
        Assert.Throws<KeyNotFoundException>(() => s[0, "missing"]);
    }

    [Fact]
    public void Read_ThroughStream_SameAsBytes()
    {
        var bytes = File(Doubles("a", [1, 1], [4]));
        var file = MatFile.Read(new MemoryStream(bytes), "stream");
        Assert.Equal(4.0, Assert.IsType<MatNumericArray>(file.Variables[0]).GetDouble(0));
    }

    [Fact]
    public void Read_Utf8Name_Decoded()
    {
        var text = "é";
        var bytes = File(Matrix(MatClass.Char, [1, 1], "u", 0, Element(MiUtf8, Encoding.UTF8.GetBytes(text))));
        Assert.Equal(text, Assert.IsType<MatCharArray>(MatFile.Read(bytes, "t.mat").Variables[0]).Value);
    }
}
