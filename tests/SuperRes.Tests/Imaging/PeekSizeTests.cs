using System.Buffers.Binary;
using SuperRes.Imaging;
using SuperRes.Tests.Evaluation;

namespace SuperRes.Tests.Imaging;

/// <summary><see cref="ImageCodecs.PeekSize"/>: a PNG's or JPEG's size from its header, before any decoding.</summary>
public sealed class PeekSizeTests
{
    public static TheoryData<string> Fixtures()
    {
        var names = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(ImagingFixtures.Folder).Order())
            if (path.EndsWith(".png", StringComparison.Ordinal) || path.EndsWith(".jpg", StringComparison.Ordinal)) names.Add(Path.GetFileName(path));
        return names;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_PeekedSize_IsTheDecodedOne(string name)
    {
        var image = ImagingFixtures.Read(name);
        var peeked = ImageCodecs.PeekSize(ImagingFixtures.Path(name));

        Assert.NotNull(peeked);
        // A JPEG states its size before EXIF orientation, which may turn it.
        Assert.Contains(peeked.Value, new[] { (image.Width, image.Height), (image.Height, image.Width) });
        if (name.EndsWith(".png", StringComparison.Ordinal)) Assert.Equal((image.Width, image.Height), peeked.Value);
    }

    [Fact]
    public void Jpeg_AfterLongSegments_IsFound_UnlessTheFrameHeaderIsPastTheFirst64KB()
    {
        var jpeg = Encode(ImagingFixtures.Generate(37, 21, 3, 8, seed: 1), ImageFileFormat.Jpeg);
        string dir = TestImages.TempFolder();
        string near = Path.Combine(dir, "near.jpg"), far = Path.Combine(dir, "far.jpg");
        File.WriteAllBytes(near, WithAppSegments(jpeg, 2));
        File.WriteAllBytes(far, WithAppSegments(jpeg, 3));

        Assert.Equal((37, 21), ImageCodecs.PeekSize(near));
        Assert.Equal((37, 21), ImageCodecs.Read(far) is var read ? (read.Width, read.Height) : default);
        Assert.Null(ImageCodecs.PeekSize(far));
    }

    [Fact]
    public void OtherFormats_TruncatedHeaders_AndMissingFiles_GiveNull()
    {
        var image = ImagingFixtures.Generate(9, 5, 3, 8, seed: 2);
        string dir = TestImages.TempFolder();
        string bmp = Path.Combine(dir, "a.bmp"), cut = Path.Combine(dir, "cut.png"), text = Path.Combine(dir, "a.png");
        File.WriteAllBytes(bmp, Encode(image, ImageFileFormat.Bmp));
        File.WriteAllBytes(cut, Encode(image, ImageFileFormat.Png)[..20]);
        File.WriteAllText(text, "not an image");

        Assert.Null(ImageCodecs.PeekSize(bmp));
        Assert.Null(ImageCodecs.PeekSize(cut));
        Assert.Null(ImageCodecs.PeekSize(text));
        Assert.Null(ImageCodecs.PeekSize(Path.Combine(dir, "missing.png")));
        Assert.Null(ImageCodecs.PeekSize(dir));
    }

    private static byte[] Encode(Image image, ImageFileFormat format)
    {
        using var stream = new MemoryStream();
        ImageCodecs.Write(image, stream, format);
        return stream.ToArray();
    }

    /// <summary>The JPEG with <paramref name="count"/> APP15 segments of 30,000 bytes after its SOI marker.</summary>
    private static byte[] WithAppSegments(byte[] jpeg, int count)
    {
        using var stream = new MemoryStream();
        stream.Write(jpeg, 0, 2);
        var segment = new byte[30_002];
        segment.AsSpan(2).Fill(0x41);
        for (int i = 0; i < count; i++)
        {
            stream.Write([0xFF, 0xEF]);
            BinaryPrimitives.WriteUInt16BigEndian(segment, (ushort)segment.Length);
            stream.Write(segment);
        }
        stream.Write(jpeg, 2, jpeg.Length - 2);
        return stream.ToArray();
    }
}
