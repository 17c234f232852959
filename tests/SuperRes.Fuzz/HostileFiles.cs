using static SuperRes.Fuzz.FileBuilder;

namespace SuperRes.Fuzz;

/// <summary>
/// The hostile files of docs/HARDENING.md, generated: each once made a decoder allocate gigabytes,
/// overflow, recurse without bound, run for seconds or throw outside its contract.
/// </summary>
public static class HostileFiles
{
    public static IReadOnlyList<HostileFile> All { get; } =
    [
        // 68 bytes claiming 20000x20000 RGBA (3.2 GB of samples) with a 12-byte zlib stream.
        new("png-68-bytes-20000x20000", FuzzFormat.Png, Png(20000, 20000, 8, 6, PngChunk("IDAT", Zlib(new byte[8]))), "cannot inflate"),
        // 400,000,000x1 16-bit RGBA: the row alone is 3.2 GB (once an OverflowException).
        new("png-400000000x1-16bit", FuzzFormat.Png, Png(400_000_000, 1, 16, 6, PngChunk("IDAT", Zlib(new byte[64]))), "cannot inflate"),
        new("png-bad-zlib-header", FuzzFormat.Png, Png(4, 4, 8, 0, PngChunk("IDAT", [0x79, 0x9C, .. Zlib(new byte[20])[2..]])), "bad zlib header"),
        new("png-corrupt-deflate", FuzzFormat.Png, Png(4, 4, 8, 0, PngChunk("IDAT", [0x78, 0x9C, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0])), "corrupt deflate data"),
        new("png-bad-adler32", FuzzFormat.Png, Png(4, 4, 8, 0, PngChunk("IDAT", FlipLast(Zlib(new byte[20])))), "bad Adler-32"),
        new("png-truncated-rows", FuzzFormat.Png, Png(64, 64, 8, 0, PngChunk("IDAT", Zlib(new byte[65 * 10]))), "truncated image data"),
        // 20000x20000 colour JPEG in ~90 bytes: its coefficients and samples would take 4.8 GB.
        new("jpeg-92-bytes-20000x20000", FuzzFormat.Jpeg, Jpeg(20000, 20000, 3, false, StartOfScan(3), [0x00, 0x00]), "memory limit"),
        // 8000x8000 gray with two bytes of scan data: its 1,000,000 blocks need at least 125,000.
        new("jpeg-8000x8000-2-byte-scan", FuzzFormat.Jpeg, Jpeg(8000, 8000, 1, false, StartOfScan(1), [0x00, 0x00]), "cannot code"),
        // 1,000 empty progressive scans over an 8000x8000 frame (once ~17 s of zero-filled decoding).
        new("jpeg-1000-empty-scans", FuzzFormat.Jpeg, Jpeg(8000, 8000, 1, true, [.. Enumerable.Repeat(StartOfScan(1, 0, 0, 0), 1000).SelectMany(s => s)], []), "cannot code"),
        // 1,000 complete scans of an 8x8 image: over the scan cap.
        new("jpeg-1000-scans", FuzzFormat.Jpeg, Jpeg(8, 8, 1, false, [.. Enumerable.Repeat(Concat(StartOfScan(1), [0x3F]), 1000).SelectMany(s => s)], []), "scans"),
        // 5.7 KB whose SOF says 15000x15000: the scan codes 22,800 of 3.5 million blocks.
        new("jpeg-5.7kb-15000x15000", FuzzFormat.Jpeg, Jpeg(15000, 15000, 1, false, StartOfScan(1), new byte[5700]), "cannot code"),
        // The same under the memory budget (12000x12000): refused at the scan, before any coefficient is allocated.
        new("jpeg-5.7kb-12000x12000", FuzzFormat.Jpeg, Jpeg(12000, 12000, 1, false, StartOfScan(1), new byte[5700]), "cannot code"),
        // 256x256 whose scan data stops after 800 of 1,024 blocks: an error, not black fill.
        new("jpeg-scan-ends-early", FuzzFormat.Jpeg, Jpeg(256, 256, 1, false, StartOfScan(1), new byte[200]), "scan data ends early"),
        // 200 bytes: a struct array of 46000x46000 elements with no fields (once 17 GB of arrays).
        new("mat-zero-field-struct", FuzzFormat.Mat, Concat(MatHeader(), MatMatrix(2, [46000, 46000], "s", Int32Element(32), MatElement(1, []))), "without fields"),
        // Compressed elements nested 40 deep (each level up to 1032x the last; once unbounded recursion).
        new("mat-nested-compressed", FuzzFormat.Mat, Concat(MatHeader(), NestCompressed(MatDoubles("x", 1, 1, [1.0]), 40)), "compressed element inside a compressed element"),
        new("mat-corrupt-zlib", FuzzFormat.Mat, Concat(MatHeader(), MatElement(15, FlipLast(Zlib(MatDoubles("x", 1, 1, [1.0]))))), "bad Adler-32"),
        new("safetensors-duplicate-name", FuzzFormat.SafeTensors,
            SafeTensors("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", new byte[8]),
            "appears twice"),
        new("bmp-huge-claim", FuzzFormat.Bmp, Bmp(20000, 20000, 24), "truncated"),
        new("pnm-huge-claim", FuzzFormat.Pnm, "P6\n20000 20000\n255\n"u8.ToArray(), "truncated"),
    ];

    /// <summary>A JPEG: SOI, DQT, tiny Huffman tables, frame, then <paramref name="scans"/> and <paramref name="data"/>, EOI.</summary>
    private static byte[] Jpeg(int width, int height, int components, bool progressive, byte[] scans, byte[] data) =>
        Concat(Soi, QuantTable(), TinyHuffmanTables(), StartOfFrame(width, height, components, progressive), scans, data, Eoi);

    private static byte[] NestCompressed(byte[] element, int levels)
    {
        for (int i = 0; i < levels; i++) element = MatElement(15, Zlib(element));
        return element;
    }

    private static byte[] FlipLast(byte[] data)
    {
        data[^1] ^= 0x55;
        return data;
    }

    /// <summary>A BMP header (40-byte info header) claiming a size, with no pixel data.</summary>
    private static byte[] Bmp(int width, int height, int bpp)
    {
        var b = new byte[54];
        b[0] = (byte)'B';
        b[1] = (byte)'M';
        BitConverter.TryWriteBytes(b.AsSpan(10), 54);
        BitConverter.TryWriteBytes(b.AsSpan(14), 40);
        BitConverter.TryWriteBytes(b.AsSpan(18), width);
        BitConverter.TryWriteBytes(b.AsSpan(22), height);
        BitConverter.TryWriteBytes(b.AsSpan(26), (short)1);
        BitConverter.TryWriteBytes(b.AsSpan(28), (short)bpp);
        return b;
    }
}
