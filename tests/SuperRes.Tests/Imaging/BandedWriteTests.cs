using SuperRes.Imaging;
using SuperRes.Tests.Evaluation;

namespace SuperRes.Tests.Imaging;

public class BandedWriteTests
{
    [Theory]
    [InlineData(ImageFileFormat.Bmp, 1, 8)]
    [InlineData(ImageFileFormat.Bmp, 3, 8)]
    [InlineData(ImageFileFormat.Bmp, 4, 8)]
    [InlineData(ImageFileFormat.Pnm, 1, 16)]
    [InlineData(ImageFileFormat.Pnm, 3, 8)]
    [InlineData(ImageFileFormat.Png, 2, 16)]
    public void WriteInBands_AwkwardBands_DecodesAsWholeImageWrite(ImageFileFormat format, int channels, int bitDepth)
    {
        var image = TestImages.Smooth(13, 11, channels, seed: 5, bitDepth);
        var whole = new MemoryStream();
        ImageCodecs.Write(image, whole, format);
        var banded = new MemoryStream();
        ImageCodecs.WriteInBands(banded, format, 13, 11, channels, bitDepth, write =>
        {
            foreach (var (y, h) in new[] { (0, 4), (4, 1), (5, 6) }) write(Rows(image, y, h));
        });
        ImagingFixtures.AssertSameSamples(ImageCodecs.Decode(whole.ToArray()), ImageCodecs.Decode(banded.ToArray()));
        if (format == ImageFileFormat.Pnm) Assert.Equal(whole.ToArray(), banded.ToArray());
    }

    [Fact]
    public void WriteInBands_RowsMissingOrTooMany_Throws()
    {
        var image = TestImages.Smooth(5, 4, 3, seed: 1);
        Assert.Throws<InvalidOperationException>(() => ImageCodecs.WriteInBands(new MemoryStream(), ImageFileFormat.Bmp, 5, 4, 3, 8, write => write(Rows(image, 0, 3))));
        Assert.Throws<InvalidOperationException>(() => ImageCodecs.WriteInBands(new MemoryStream(), ImageFileFormat.Pnm, 5, 3, 3, 8, write => write(image)));
        Assert.Throws<NotSupportedException>(() => ImageCodecs.WriteInBands(new MemoryStream(), ImageFileFormat.Jpeg, 5, 4, 3, 8, write => write(image)));
    }

    private static Image Rows(Image image, int y, int height)
    {
        var all = image.ToUInt16Array();
        int n = image.Width * image.Channels;
        return new Image(image.Width, height, image.Channels, image.BitDepth, all[(y * n)..((y + height) * n)]);
    }
}
