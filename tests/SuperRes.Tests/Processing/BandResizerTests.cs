using SuperRes.Imaging;
using SuperRes.Processing;
using SuperRes.Tests.Evaluation;

namespace SuperRes.Tests.Processing;

public class BandResizerTests
{
    public static TheoryData<int, int, int, int, int> Sizes => new()
    {
        { 7, 5, 17, 13, 1 },   // about x2.5, vertical pass first
        { 7, 5, 17, 13, 4 },
        { 13, 9, 26, 18, 7 },  // x2
        { 17, 7, 7, 30, 3 },   // narrower and taller: horizontal pass first
        { 11, 15, 4, 6, 5 },   // shrinking (antialiased taps)
        { 1, 1, 3, 3, 2 },
        { 9, 16, 36, 64, 64 }, // one band
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void ResizeRows_AnyBandHeight_BitwiseEqualsWholePlane(int inWidth, int inHeight, int outWidth, int outHeight, int band)
    {
        var source = new Plane(inWidth, inHeight);
        var random = new Random(inWidth * 31 + inHeight);
        for (int i = 0; i < source.Data.Length; i++) source.Data[i] = (float)(random.NextDouble() * 255);
        var expected = Imresize.ResizeTo(source, outWidth, outHeight);

        var resizer = new BandResizer(inWidth, inHeight, outWidth, outHeight);
        var actual = new float[outWidth * outHeight];
        int reads = 0;
        for (int y = 0; y < outHeight; y += band)
        {
            int count = Math.Min(band, outHeight - y);
            var rows = new float[count * outWidth];
            resizer.ResizeRows((r, values) =>
            {
                Interlocked.Increment(ref reads);
                for (int x = 0; x < inWidth; x++) values[x] = source.Data[r * inWidth + x];
            }, y, count, rows);
            rows.CopyTo(actual, y * outWidth);
            Assert.True(reads <= outHeight * inHeight);
        }
        Assert.Equal(expected.Data, actual); // float equality: bit for bit (no NaN here)
    }

    [Fact]
    public void InputRows_BandOfUpscale_ReadsOnlyNearbyRows()
    {
        var resizer = new BandResizer(10, 100, 40, 400);
        var rows = resizer.InputRows(200, 8); // output rows 200..207 sit over input rows 50..51
        Assert.InRange(rows.Length, 2, 6);
        Assert.All(rows, r => Assert.InRange(r, 47, 54));
    }

    [Theory]
    [InlineData(8, 4, 23, 17, 70, 52, 5)]
    [InlineData(16, 1, 9, 14, 31, 29, 3)]
    [InlineData(8, 3, 12, 10, 36, 30, 0)]
    public void BandedImageResize_Image_BitwiseEqualsWholePlanesMerged(int bitDepth, int channels, int w, int h, int outW, int outH, int bandRows)
    {
        var image = TestImages.Smooth(w, h, channels, seed: 3, bitDepth);
        var expected = ImagePlanes.Merge(ImagePlanes.Split(image).Select(p => Imresize.ResizeTo(p, outW, outH)).ToArray(), bitDepth);
        var rows = new List<ushort>();
        int bands = 0;
        BandedImageResize.Resize(image, outW, outH, band =>
        {
            bands++;
            Assert.Equal((outW, channels, bitDepth), (band.Width, band.Channels, band.BitDepth));
            rows.AddRange(band.ToUInt16Array());
        }, bandRows);
        Assert.Equal(expected.ToUInt16Array(), rows);
        Assert.Equal(bandRows == 0 ? 1 : (outH + bandRows - 1) / bandRows, bands);
    }
}
