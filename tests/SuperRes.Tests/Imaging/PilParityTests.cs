using System.Security.Cryptography;
using System.Text.Json;
using SuperRes.Imaging;

namespace SuperRes.Tests.Imaging;

/// <summary>
/// Every file of tests/fixtures/pil-parity (PNG, BMP and JPEG variants, written by
/// tests/fixtures/make_pil_parity.py) decodes to exactly the pixels Pillow 9.4 decodes: the SHA-256 of
/// the canonical layout the script describes (L, LA, RGB, RGBA at 8 bits, L16) must match.
/// </summary>
public class PilParityTests
{
    private static string Folder => Path.Combine(TestPaths.RepositoryRoot, "tests", "fixtures", "pil-parity");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var entry in Manifest().Keys) data.Add(entry);
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Decode_CorpusFile_EqualsPillow(string file)
    {
        var (width, height, mode, sha256) = Manifest()[file];
        var image = ImageCodecs.Read(Path.Combine(Folder, file));
        Assert.Equal((width, height), (image.Width, image.Height));
        byte[] canonical = Canonical(image, mode);
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(canonical)));
    }

    /// <summary>The few files whose Pillow pixels are kept whole (NAME.pil): equal byte for byte, first difference named.</summary>
    [Theory]
    [InlineData("png-palette4-trns.png")]
    [InlineData("png-gray16-adam7.png")]
    [InlineData("bmp-rle4.bmp")]
    [InlineData("bmp-rgb16-565.bmp")]
    [InlineData("jpeg-baseline420.jpg")]
    [InlineData("jpeg-cmyk.jpg")]
    public void Decode_RawKeptFile_EqualsPillowBytes(string file)
    {
        byte[] expected = File.ReadAllBytes(Path.Combine(Folder, file + ".pil"));
        byte[] actual = Canonical(ImageCodecs.Read(Path.Combine(Folder, file)), Manifest()[file].Mode);
        Assert.Equal(expected.Length, actual.Length);
        int first = expected.AsSpan().CommonPrefixLength(actual);
        Assert.True(first == expected.Length, first < expected.Length ? $"byte {first} differs: Pillow {expected[first]}, ours {actual[first]}" : "");
    }

    [Fact]
    public void Manifest_CoversEachFormat()
    {
        var names = Manifest().Keys.ToList();
        Assert.True(names.Count(n => n.EndsWith(".png")) >= 35, "PNG variants");
        Assert.True(names.Count(n => n.EndsWith(".bmp")) >= 25, "BMP variants");
        Assert.True(names.Count(n => n.EndsWith(".jpg")) >= 15, "JPEG variants");
    }

    private static Dictionary<string, (int Width, int Height, string Mode, string Sha256)> Manifest()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")));
        return json.RootElement.GetProperty("files").EnumerateArray().ToDictionary(
            e => e.GetProperty("file").GetString()!,
            e => (e.GetProperty("width").GetInt32(), e.GetProperty("height").GetInt32(), e.GetProperty("mode").GetString()!, e.GetProperty("sha256").GetString()!));
    }

    /// <summary>
    /// Our decode in the script's canonical layout: gray repeated to RGB when the mode is colour, colour
    /// accepted as gray only when R = G = B, an opaque alpha added or (only when all opaque) dropped,
    /// 16-bit samples reduced to their high byte for the 8-bit modes, as Pillow does.
    /// </summary>
    internal static byte[] Canonical(Image image, string mode)
    {
        bool sixteen = mode == "L16";
        bool color = mode.StartsWith("RGB");
        bool alpha = mode.EndsWith('A');
        int outChannels = (color ? 3 : 1) + (alpha ? 1 : 0);
        if (sixteen && image.BitDepth != 16) throw new InvalidOperationException("expected a 16-bit decode");
        var output = new List<byte>(image.Width * image.Height * outChannels * (sixteen ? 2 : 1));
        int shift = image.BitDepth == 16 && !sixteen ? 8 : 0;
        int colorChannels = image.ColorChannels;
        Span<int> v = stackalloc int[4];
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
            {
                for (int c = 0; c < 3; c++) v[c] = image[x, y, colorChannels == 3 ? c : 0] >> shift;
                v[3] = image.HasAlpha ? image[x, y, image.Channels - 1] >> shift : (sixteen ? 65535 : 255);
                if (!color && (v[1] != v[0] || v[2] != v[0])) throw new InvalidOperationException($"colour pixel ({x},{y}) where Pillow decodes gray");
                if (!alpha && v[3] != (sixteen ? 65535 : 255)) throw new InvalidOperationException($"transparent pixel ({x},{y}) where Pillow decodes no alpha");
                int count = color ? 3 : 1;
                for (int c = 0; c < count; c++) Add(output, v[c], sixteen);
                if (alpha) Add(output, v[3], sixteen);
            }
        return output.ToArray();
    }

    private static void Add(List<byte> output, int value, bool sixteen)
    {
        if (sixteen) output.Add((byte)(value >> 8));
        output.Add((byte)value);
    }
}
