using SuperRes.Weights;
using static SuperRes.Tests.Weights.MatTestWriter;

namespace SuperRes.Tests.Weights;

/// <summary>Malformed MAT-files must fail with <see cref="MatFileException"/> naming the file, never crash or over-allocate.</summary>
public class MatFileMalformedTests
{
    private static MatFileException Fails(byte[] bytes)
    {
        var ex = Assert.Throws<MatFileException>(() => MatFile.Read(bytes, "bad.mat"));
        Assert.Equal("bad.mat", ex.FileName);
        Assert.StartsWith("bad.mat: ", ex.Message);
        return ex;
    }

    [Fact]
    public void Read_ShortHeader_Throws() => Assert.Contains("header", Fails(new byte[100]).Problem);

    [Fact]
    public void Read_BigEndian_Throws() => Assert.Contains("big-endian", Fails(Concat(Header(0x0001, "MI"))).Problem);

    [Fact]
    public void Read_WrongVersion_Throws() => Assert.Contains("version", Fails(Header(0x0200)).Problem);

    [Fact]
    public void Read_NotMat_Throws() => Assert.Contains("endian", Fails(new byte[128]).Problem);

    [Fact]
    public void Read_EveryTruncation_ThrowsMatFileException()
    {
        var full = File(Struct("s", [1, 1], ["a", "b"], Doubles("", [2, 2], [1, 2, 3, 4]), Cell("", [1, 1], Text("", "xy"))));
        for (int length = 129; length < full.Length - 8; length++)
            Assert.Throws<MatFileException>(() => MatFile.Read(full[..length], "cut.mat"));
    }

    [Fact]
    public void Read_TruncatedCompressedStream_Throws()
    {
        var element = Compressed(Doubles("a", [1, 100], new double[100]));
        var cut = element[..(element.Length - 6)];
        BitConverter.GetBytes((uint)(cut.Length - 8)).CopyTo(cut, 4);
        Fails(File(cut));
    }

    [Fact]
    public void Read_CorruptZlib_Throws()
    {
        var element = Compressed(Doubles("a", [1, 100], new double[100]));
        for (int i = 10; i < element.Length; i++) element[i] ^= 0x5A;
        Fails(File(element));
    }

    [Fact]
    public void Read_ElementSizeBeyondFile_Throws()
    {
        var element = Doubles("a", [1, 1], [1]);
        BitConverter.GetBytes(0x7FFFFFF0u).CopyTo(element, 4);
        Assert.Contains("remain", Fails(File(element)).Problem);
    }

    [Fact]
    public void Read_AbsurdDimensions_ThrowsBeforeAllocating()
    {
        var bytes = File(Matrix(MatClass.Double, [50000, 50000], "a", 0, Element(MiDouble, Bytes<double>([1]))));
        Assert.Contains("exceed", Fails(bytes).Problem);
    }

    [Fact]
    public void Read_CellCountBeyondData_Throws()
    {
        var bytes = File(Cell("c", [1000, 1000], Text("", "x")));
        Assert.Contains("cannot fit", Fails(bytes).Problem);
    }

    [Fact]
    public void Read_DataCountMismatch_Throws()
    {
        var bytes = File(Matrix(MatClass.Single, [2, 2], "a", 0, Element(MiSingle, Bytes<float>([1, 2, 3]))));
        Fails(bytes);
    }

    [Fact]
    public void Read_NegativeDimension_Throws() =>
        Assert.Contains("negative", Fails(File(Matrix(MatClass.Double, [-1, 2], "a", 0, Element(MiDouble, [])))).Problem);

    [Fact]
    public void Read_InflatedSizeImpossibleForDeflate_Throws()
    {
        // A zlib stream whose inner tag claims 1 GB: deflate cannot expand 20-odd bytes that far.
        var tag = new byte[8];
        BitConverter.GetBytes(MiMatrix).CopyTo(tag, 0);
        BitConverter.GetBytes(1u << 30).CopyTo(tag, 4);
        var compressed = Compressed(tag);
        Assert.Contains("impossible", Fails(File(compressed)).Problem);
    }

    [Fact]
    public void Read_DeepNesting_Throws()
    {
        var inner = Doubles("", [1, 1], [1]);
        for (int i = 0; i < 80; i++) inner = Cell("", [1, 1], inner);
        Assert.Contains("nested", Fails(File(inner)).Problem);
    }

    [Fact]
    public void Read_UnsupportedClass_Throws() =>
        Assert.Contains("unsupported", Fails(File(Matrix(MatClass.Sparse, [1, 1], "s", 0))).Problem);

    [Fact]
    public void Read_StructFieldNamesNotMultipleOfLength_Throws()
    {
        var bytes = File(Matrix(MatClass.Struct, [1, 1], "s", 0, Small(MiInt32, BitConverter.GetBytes(5)), Element(MiInt8, new byte[7])));
        Fails(bytes);
    }
}
