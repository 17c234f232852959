using SuperRes.Imaging;
using SuperRes.Tests.Evaluation;

namespace SuperRes.Tests.Imaging;

public sealed class PngCompressionTests
{
    [Theory]
    [InlineData("rle", true, 1)]
    [InlineData(" RLE ", true, 1)]
    [InlineData("0", false, 0)]
    [InlineData("6", false, 6)]
    [InlineData("9", false, 9)]
    public void TryParse_RleOrALevel(string text, bool runLength, int level)
    {
        var compression = PngCompression.TryParse(text);
        Assert.NotNull(compression);
        Assert.Equal((runLength, level), (compression.IsRunLength, compression.Level));
        Assert.Equal(compression, PngCompression.TryParse(compression.ToString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("-1")]
    [InlineData("fast")]
    public void TryParse_AnythingElse_IsNull(string? text) => Assert.Null(PngCompression.TryParse(text));

    [Fact]
    public void Default_IsRunLength_AndLevelsAreChecked()
    {
        Assert.Same(PngCompression.RunLength, PngCompression.Default);
        Assert.Throws<ArgumentOutOfRangeException>(() => PngCompression.FromLevel(10));
        Assert.Throws<ArgumentOutOfRangeException>(() => PngCompression.FromLevel(-1));
    }

    [Theory]
    [InlineData(3, 8)]
    [InlineData(4, 16)]
    [InlineData(1, 8)]
    public void Write_EveryCompression_ReadsBackTheSameSamples(int channels, int bitDepth)
    {
        var image = TestImages.Smooth(131, 67, channels, seed: channels, bitDepth: bitDepth);
        foreach (var compression in new[] { PngCompression.RunLength, PngCompression.FromLevel(0), PngCompression.FromLevel(1), PngCompression.FromLevel(9) })
        {
            var stream = new MemoryStream();
            ImageCodecs.Write(image, stream, ImageFileFormat.Png, compression);
            stream.Position = 0;
            Assert.Equal(image.ToUInt16Array(), ImageCodecs.Read(stream).ToUInt16Array());
        }
    }
}
