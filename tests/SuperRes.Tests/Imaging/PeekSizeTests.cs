using System.Buffers.Binary;
using SuperRes.Imaging;
using SuperRes.Tests.Evaluation;

namespace SuperRes.Tests.Imaging;

/// <summary>
/// <see cref="ImageCodecs.PeekSize"/>, a PNG's or JPEG's size from its header, and the read that
/// hands the file's bytes on before decoding (<see cref="ImageCodecs.Read(string, ImageReadOptions?, Action{byte[]})"/>).
/// </summary>
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
        var peeked = ImageCodecs.PeekSize(ImagingFixtures.Bytes(name));

        Assert.NotNull(peeked);
        // A JPEG states its size before EXIF orientation, which may turn it.
        Assert.Contains(peeked.Value, new[] { (image.Width, image.Height), (image.Height, image.Width) });
        if (name.EndsWith(".png", StringComparison.Ordinal)) Assert.Equal((image.Width, image.Height), peeked.Value);
    }

    [Fact]
    public void Jpeg_AfterLongSegmentsAndStandaloneMarkers_IsFound()
    {
        var jpeg = Encode(ImagingFixtures.Generate(37, 21, 3, 8, seed: 1), ImageFileFormat.Jpeg);

        Assert.Equal((37, 21), ImageCodecs.PeekSize(WithSegments(jpeg, 3, [0xFF, 0xD0, 0xFF, 0x01])));
        Assert.Null(ImageCodecs.PeekSize(WithSegments(jpeg, 1, [0xFF, 0xD9])));
    }

    [Fact]
    public void OtherFormats_TruncatedAndEmptyHeaders_GiveNull()
    {
        var image = ImagingFixtures.Generate(9, 5, 3, 8, seed: 2);

        Assert.Null(ImageCodecs.PeekSize(Encode(image, ImageFileFormat.Bmp)));
        Assert.Null(ImageCodecs.PeekSize(Encode(image, ImageFileFormat.Png)[..20]));
        Assert.Null(ImageCodecs.PeekSize(Encode(image, ImageFileFormat.Jpeg)[..12]));
        Assert.Null(ImageCodecs.PeekSize("not an image"u8));
        Assert.Null(ImageCodecs.PeekSize([]));
    }

    [Fact]
    public void Read_HandsOnTheFileBeforeDecoding()
    {
        var image = ImagingFixtures.Generate(23, 11, 3, 8, seed: 3);
        string path = Path.Combine(TestImages.TempFolder(), "a.png");
        var bytes = Encode(image, ImageFileFormat.Png);
        File.WriteAllBytes(path, bytes);
        var handed = new List<byte[]>();

        var read = ImageCodecs.Read(path, null, handed.Add);

        Assert.Single(handed);
        Assert.Equal(bytes, handed[0]);
        Assert.Equal((23, 11), ImageCodecs.PeekSize(handed[0]));
        ImagingFixtures.AssertSameSamples(image, read);
    }

    [Fact]
    public void Read_HugeClaimedSize_IsRefusedByTheDecoder_AfterTheFileIsHandedOn()
    {
        // A valid PNG whose header claims 60 million pixels a side: whoever looks at the bytes must
        // check the size itself (the CLI checks it against the decoder's limit).
        string path = Path.Combine(TestImages.TempFolder(), "huge.png");
        File.WriteAllBytes(path, ImagingFixtures.PngClaiming(60_000_000, 60_000_000));
        (int, int)? peeked = null;

        var error = Assert.Throws<ImageFormatException>(() => ImageCodecs.Read(path, null, file => peeked = ImageCodecs.PeekSize(file)));

        Assert.Equal((60_000_000, 60_000_000), peeked);
        Assert.Contains("exceeds the limit", error.Message);
    }

    private static byte[] Encode(Image image, ImageFileFormat format)
    {
        using var stream = new MemoryStream();
        ImageCodecs.Write(image, stream, format);
        return stream.ToArray();
    }

    /// <summary>The JPEG with <paramref name="count"/> APP15 segments of 30,000 bytes, then <paramref name="extra"/>, after its SOI marker.</summary>
    private static byte[] WithSegments(byte[] jpeg, int count, byte[] extra)
    {
        using var stream = new MemoryStream();
        stream.Write(jpeg, 0, 2);
        var segment = new byte[30_002];
        segment.AsSpan(2).Fill(0x41);
        BinaryPrimitives.WriteUInt16BigEndian(segment, (ushort)segment.Length);
        for (int i = 0; i < count; i++)
        {
            stream.Write([0xFF, 0xEF]);
            stream.Write(segment);
        }
        stream.Write(extra);
        stream.Write(jpeg, 2, jpeg.Length - 2);
        return stream.ToArray();
    }
}
