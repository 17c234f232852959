using SuperRes.Compression;
using SuperRes.Fuzz;

namespace SuperRes.Tests.Compression;

public class ZlibDecoderTests
{
    private static readonly byte[] Data = [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7 % 251))];

    [Fact]
    public void Read_ValidStream_ReturnsTheDataAndChecksTheTrailer()
    {
        byte[] z = FileBuilder.Zlib(Data);
        using var decoder = new ZlibDecoder(z, 0, z.Length);
        var output = new MemoryStream();
        decoder.CopyTo(output);
        Assert.Equal(Data, output.ToArray());
        Assert.Equal(Data.Length, decoder.TotalOut);
    }

    [Theory]
    [InlineData(0, 0x79, "bad zlib header (compression method 9, expected 8 = deflate)")]
    [InlineData(0, 0x88, "bad zlib header (window size 2^16 exceeds 32 KiB)")]
    [InlineData(1, 0x9D, "bad zlib header (check bits do not match)")]
    public void Construct_BadHeader_SaysWhatIsWrong(int index, byte value, string message)
    {
        byte[] z = FileBuilder.Zlib(Data);
        z[index] = value;
        var e = Assert.Throws<InvalidDataException>(() => new ZlibDecoder(z, 0, z.Length));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Read_BadAdler32_SaysSo()
    {
        byte[] z = FileBuilder.Zlib(Data);
        z[^1] ^= 1;
        using var decoder = new ZlibDecoder(z, 0, z.Length);
        var e = Assert.Throws<InvalidDataException>(() => decoder.CopyTo(Stream.Null));
        Assert.StartsWith("bad Adler-32 checksum (stored ", e.Message);
    }

    [Fact]
    public void Read_CorruptDeflateData_SaysSo()
    {
        byte[] z = [0x78, 0x9C, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0];
        using var decoder = new ZlibDecoder(z, 0, z.Length);
        var e = Assert.Throws<InvalidDataException>(() => decoder.CopyTo(Stream.Null));
        Assert.Equal("corrupt deflate data (invalid code or distance)", e.Message);
    }

    [Fact]
    public void Read_TruncatedStream_FailsTheChecksum()
    {
        byte[] z = FileBuilder.Zlib(Data)[..40];
        using var decoder = new ZlibDecoder(z, 0, z.Length);
        var e = Assert.Throws<InvalidDataException>(() => decoder.CopyTo(Stream.Null));
        Assert.Contains("corrupt or truncated", e.Message);
    }
}
