using System.Text;
using SuperRes.Imaging;
using static SuperRes.Fuzz.FileBuilder;

namespace SuperRes.Fuzz;

/// <summary>Valid starting files for each format: generated ones plus the committed image fixtures when the repository is found.</summary>
public static class Seeds
{
    public static IReadOnlyList<byte[]> For(FuzzFormat format)
    {
        var seeds = format switch
        {
            FuzzFormat.Png => [Encode(3, 8, ImageFileFormat.Png), Encode(1, 16, ImageFileFormat.Png), Encode(4, 16, ImageFileFormat.Png), Encode(2, 8, ImageFileFormat.Png),
                ColorKeyPng(0, 4), ColorKeyPng(2, 8), ColorKeyPng(0, 16)],
            FuzzFormat.Jpeg => [Concat(Soi, QuantTable(), TinyHuffmanTables(), StartOfFrame(16, 16, 1), StartOfScan(1), [0x00, 0x3F], Eoi)],
            FuzzFormat.Bmp => [Encode(3, 8, ImageFileFormat.Bmp), Encode(1, 8, ImageFileFormat.Bmp), Encode(4, 8, ImageFileFormat.Bmp)],
            FuzzFormat.Pnm => [Encode(3, 8, ImageFileFormat.Pnm), Encode(1, 16, ImageFileFormat.Pnm)],
            FuzzFormat.SafeTensors => [SafeTensorsSeed()],
            _ => MatSeeds(),
        };
        return [.. seeds, .. Fixtures(format)];
    }

    /// <summary>The repository root (the folder holding SuperRes.sln, above the program or the current folder), or null.</summary>
    public static string? RepositoryRoot()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "SuperRes.sln"))) return dir.FullName;
        return null;
    }

    private static IEnumerable<byte[]> Fixtures(FuzzFormat format)
    {
        string? root = RepositoryRoot();
        if (root is null) return [];
        string folder = Path.Combine(root, "tests", "SuperRes.Tests", "Imaging", "Fixtures");
        if (!Directory.Exists(folder)) return [];
        return Directory.EnumerateFiles(folder)
            .Where(f => FuzzTarget.FromExtension(f) == format && new FileInfo(f).Length < 64 * 1024)
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes);
    }

    private static byte[] Encode(int channels, int bitDepth, ImageFileFormat format)
    {
        var image = new Image(13, 7, channels, bitDepth);
        var random = new Random(channels * 100 + bitDepth);
        for (int i = 0; i < image.SampleCount; i++) image.SetSample(i, random.Next(image.MaxValue + 1));
        var stream = new MemoryStream();
        ImageCodecs.Write(image, stream, format);
        return stream.ToArray();
    }

    /// <summary>A small gray or RGB PNG with a tRNS colour key.</summary>
    private static byte[] ColorKeyPng(byte colorType, byte depth)
    {
        int channels = colorType == 0 ? 1 : 3;
        int rowBytes = (9 * channels * depth + 7) / 8;
        var raw = new byte[5 * (rowBytes + 1)];
        new Random(depth).NextBytes(raw);
        for (int y = 0; y < 5; y++) raw[y * (rowBytes + 1)] = (byte)(y % 5);
        byte[] key = colorType == 0 ? [0, 1] : [0, 1, 0, 2, 0, 3];
        return Png(9, 5, depth, colorType, PngChunk("tRNS", key), PngChunk("IDAT", Zlib(raw)));
    }

    private static byte[] SafeTensorsSeed() => SafeTensors(
        """{"__metadata__":{"format":"pt"},"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},"b":{"dtype":"F32","shape":[3],"data_offsets":[24,36]}}    """,
        new byte[36]);

    private static List<byte[]> MatSeeds()
    {
        byte[] doubles = MatDoubles("w", 2, 3, [1, 2, 3, 4, 5, 6]);
        var fieldNames = new byte[16];
        Encoding.ASCII.GetBytes("name", fieldNames);
        Encoding.ASCII.GetBytes("value", fieldNames.AsSpan(8));
        byte[] chars = MatMatrix(4, [1, 3], "", MatElement(16, "abc"u8));
        byte[] structure = MatMatrix(2, [1, 1], "s", Int32Element(8), MatElement(1, fieldNames), chars, MatDoubles("", 1, 1, [7]));
        byte[] cell = MatMatrix(1, [1, 2], "c", MatDoubles("", 1, 1, [1]), chars);
        return
        [
            Concat(MatHeader(), doubles, structure),
            Concat(MatHeader(), MatElement(15, Zlib(doubles)), MatElement(15, Zlib(cell))),
            Concat(MatHeader(), cell),
        ];
    }
}
