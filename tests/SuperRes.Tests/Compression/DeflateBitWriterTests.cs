using SuperRes.Compression;

namespace SuperRes.Tests.Compression;

public sealed class DeflateBitWriterTests
{
    [Fact]
    public void WriteLiteralsAndRuns_NoData_WritesNothing()
    {
        // The loop reads ahead of each stretch with indices clamped to the last byte: with no bytes
        // there is none, and nothing may be read.
        var buffer = new byte[64];
        var writer = new DeflateBitWriter(buffer);
        writer.Write(5, 3);
        writer.WriteLiteralsAndRuns(default, default, new uint[256], new uint[259], new byte[259]);
        writer.AlignToByte();
        Assert.Equal(1, writer.Position);
        Assert.Equal(5, buffer[0]);
        Assert.Throws<ArgumentException>(() => new DeflateBitWriter(buffer).WriteLiteralsAndRuns(default, [0, 3], new uint[256], new uint[259], new byte[259]));
    }

    [Fact]
    public void WriteLiteralsAndRuns_OneByteOrTwo_WritesTheirCodes()
    {
        // Codes of 3 bits for byte 1 (0b101) and 2 bits for byte 2 (0b10): the stretch shorter than three.
        var table = new uint[256];
        table[1] = 0b101 | 3u << 16;
        table[2] = 0b10 | 2u << 16;
        foreach (var (data, expected) in new[] { (new byte[] { 1 }, 0b101), (new byte[] { 1, 2 }, 0b10_101) })
        {
            var buffer = new byte[64];
            var writer = new DeflateBitWriter(buffer);
            writer.WriteLiteralsAndRuns(data, default, table, new uint[259], new byte[259]);
            writer.AlignToByte();
            Assert.Equal(1, writer.Position);
            Assert.Equal(expected, buffer[0]);
        }
    }
}
