using SuperRes.Imaging;
using SuperRes.Imaging.Jpeg;

namespace SuperRes.Tests.Imaging;

public class JpegDecoderTests
{
    [Theory]
    [InlineData("baseline444.jpg", "baseline444.ppm")]
    [InlineData("baseline422.jpg", "baseline422.ppm")]
    [InlineData("baseline420.jpg", "baseline420.ppm")]
    [InlineData("baseline440.jpg", "baseline440.ppm")]
    [InlineData("baseline411.jpg", "baseline411.ppm")]
    [InlineData("gray.jpg", "gray.pgm")]
    [InlineData("progressive420.jpg", "progressive420.ppm")]
    [InlineData("progressive444.jpg", "progressive444.ppm")]
    [InlineData("restart420.jpg", "restart420.ppm")]
    [InlineData("restart-progressive.jpg", "restart-progressive.ppm")]
    [InlineData("optimized422.jpg", "optimized422.ppm")]
    [InlineData("exif6.jpg", "exif6.ppm")]
    public void Decode_Fixture_AgreesWithDjpeg(string jpeg, string djpegOutput)
    {
        // Exactly: the islow IDCT, fancy upsampling and colour conversion are libjpeg-turbo's integer arithmetic.
        ImagingFixtures.AssertSameSamples(ImagingFixtures.Read(djpegOutput), ImagingFixtures.Read(jpeg));
    }

    [Fact]
    public void Decode_ExifOrientationDisabled_KeepsStoredLayout()
    {
        var image = ImageCodecs.Read(ImagingFixtures.Path("exif6.jpg"), new ImageReadOptions { ApplyExifOrientation = false });
        Assert.Equal((37, 29), (image.Width, image.Height));
        ImagingFixtures.AssertSameSamples(ImagingFixtures.Read("baseline420.jpg"), image);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void ExifOrientationApply_EachValue_MatchesImageMagickTransform(int orientation)
    {
        var source = ImagingFixtures.Read("orient-src.ppm");
        var expected = ImagingFixtures.Read($"orient-{orientation}.ppm");
        ImagingFixtures.AssertSameSamples(expected, ExifOrientation.Apply(source, orientation));
    }

    [Theory]
    [InlineData("baseline420.jpg")]
    [InlineData("progressive420.jpg")]
    [InlineData("restart420.jpg")]
    public void Decode_EveryTruncation_ThrowsImageFormatException(string name)
    {
        byte[] data = ImagingFixtures.Bytes(name);
        for (int length = 0; length < data.Length - 2; length++)
        {
            var e = Assert.Throws<ImageFormatException>(() => ImageCodecs.Decode(data[..length], "x.jpg"));
            Assert.StartsWith("x.jpg: ", e.Message);
        }
    }

    [Fact]
    public void Decode_OverfullHuffmanTable_ThrowsBadHuffmanTable()
    {
        byte[] data = ImagingFixtures.Bytes("baseline420.jpg");
        int dht = data.AsSpan().IndexOf([(byte)0xFF, (byte)0xC4]);
        data[dht + 5] = 3; // three codes of length 1 cannot exist
        var e = Assert.Throws<ImageFormatException>(() => ImageCodecs.Decode(data, "x.jpg"));
        Assert.Contains("Huffman", e.Message);
    }

    [Theory]
    [InlineData("baseline420.jpg")]
    [InlineData("restart420.jpg")]
    [InlineData("progressive420.jpg")]
    public void Decode_ScanCutShortThenEoi_ThrowsScanDataEndsEarly(string name)
    {
        // Cut the last scan's data in half and end the file properly: an error (as in PIL), not a black fill.
        byte[] data = ImagingFixtures.Bytes(name);
        int lastScan = data.AsSpan().LastIndexOf([(byte)0xFF, (byte)0xDA]);
        int dataStart = lastScan + 2 + (data[lastScan + 2] << 8 | data[lastScan + 3]);
        int cut = dataStart + (data.Length - 2 - dataStart) / 2;
        byte[] cutShort = [.. data[..cut], 0xFF, 0xD9];
        var e = Assert.Throws<ImageFormatException>(() => ImageCodecs.Decode(cutShort, "x.jpg"));
        Assert.Equal("x.jpg: scan data ends early (marker before the scan's last block)", e.Message);
    }

    [Fact]
    public void Decode_MoreScansThanTheLimit_Refused()
    {
        byte[] data = ImagingFixtures.Bytes("progressive420.jpg");
        int scans = 0;
        for (int i = 0; i + 1 < data.Length; i++) scans += data[i] == 0xFF && data[i + 1] == 0xDA ? 1 : 0;
        Assert.Equal(3, ImageCodecs.Decode(data, "p.jpg", new ImageReadOptions { MaxJpegScans = scans }).Channels);
        var e = Assert.Throws<ImageFormatException>(() => ImageCodecs.Decode(data, "p.jpg", new ImageReadOptions { MaxJpegScans = scans - 1 }));
        Assert.Equal($"p.jpg: more than {scans - 1} scans (the limit per file)", e.Message);
    }

    [Fact]
    public void Decode_ScansCoveringTheFrameTooOften_RefusedAndTheMostAllowedIsQuick()
    {
        // Every AC scan covers all 1024 blocks with two end-of-band runs (a few bytes each).
        byte[] most = SuperRes.Fuzz.WorstCases.ProgressiveEobRuns(256, SuperRes.Fuzz.WorstCases.MostScans);
        byte[] tooMany = SuperRes.Fuzz.WorstCases.ProgressiveEobRuns(256, SuperRes.Fuzz.WorstCases.MostScans + 1);
        Assert.Equal(256, ImageCodecs.Decode(most, "w.jpg").Width);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(256, ImageCodecs.Decode(most, "w.jpg").Width);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(0.5), $"{clock.Elapsed.TotalSeconds:0.00} s for a 256x256 image");
        var e = Assert.Throws<ImageFormatException>(() => ImageCodecs.Decode(tooMany, "w.jpg"));
        Assert.Equal("w.jpg: the scans cover the frame's coefficients more than 16 times (the limit per file)", e.Message);
    }
}
