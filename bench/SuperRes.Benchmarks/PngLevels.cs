using System.Diagnostics;
using System.IO.Compression;
using SuperRes.Compression;
using SuperRes.Imaging;
using SuperRes.Imaging.Png;

/// <summary>
/// `--png-levels FILE`: our PNG encoder on one image with the run-length strategy and at zlib
/// levels 1-9 (the library's default marked), file size and the best of 3 encodes after a warm-up round, so the default's
/// trade can be checked. Then deflate alone on one thread, on the image's filtered rows in the
/// writer's 128 KiB pieces: our run-length encoder against zlib-ng's own run-length strategy (Z_RLE).
/// </summary>
internal static class PngLevels
{
    public static int Run(string[] args)
    {
        int at = Array.IndexOf(args, "--png-levels");
        if (at + 1 >= args.Length) { Console.Error.WriteLine("--png-levels needs an image file."); return 2; }
        var image = ImageCodecs.Read(args[at + 1]);
        Console.WriteLine($"{args[at + 1]}: {image.Width}x{image.Height}, {image.Channels} channels; PNG run-length and at each zlib level, best of 3");
        Console.WriteLine($"  {"level",-12} {"bytes",12} {"ms",8}");
        var all = new[] { PngCompression.RunLength }.Concat(Enumerable.Range(1, 9).Select(PngCompression.FromLevel)).ToArray();
        foreach (var compression in all) PngEncoder.Encode(image, new MemoryStream(), compression); // warm-up: JIT, thread pool
        foreach (var compression in all)
        {
            double best = double.MaxValue;
            long size = 0;
            for (int r = 0; r < 3; r++)
            {
                var output = new MemoryStream();
                long start = Stopwatch.GetTimestamp();
                PngEncoder.Encode(image, output, compression);
                best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                size = output.Length;
            }
            string mark = compression == PngCompression.Default ? " (default)" : "";
            Console.WriteLine($"  {compression + mark,-12} {size,12:N0} {best,8:F0}");
        }
        var filtered = FilteredRows(image);
        Console.WriteLine($"deflate alone, one thread, {filtered.Length:N0} bytes of filtered rows in {ParallelZlibWriter.BlockSize >> 10} KiB pieces, best of 5");
        Console.WriteLine($"  {"encoder",-22} {"bytes",12} {"ms",8} {"MB/s",8}");
        foreach (var (name, deflate) in new (string, Func<byte[], int, int, bool, byte[]>)[]
        {
            ("zlib-ng run-length", ZlibRunLength),
            ("ours, run-length", (data, offset, length, final) => RunLengthDeflater.Deflate(data.AsSpan(offset, length), final)),
        })
        {
            double best = double.MaxValue;
            long size = 0;
            for (int r = 0; r < 6; r++) // the first round warms up
            {
                long start = Stopwatch.GetTimestamp();
                size = 0;
                for (int offset = 0; offset < filtered.Length; offset += ParallelZlibWriter.BlockSize)
                {
                    int length = Math.Min(ParallelZlibWriter.BlockSize, filtered.Length - offset);
                    size += deflate(filtered, offset, length, offset + length == filtered.Length).Length;
                }
                if (r > 0) best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            Console.WriteLine($"  {name,-22} {size,12:N0} {best,8:F1} {filtered.Length / best / 1000,8:F0}");
        }
        return 0;
    }

    /// <summary>The bytes the PNG writer deflates: each row's filter type and filtered bytes.</summary>
    private static byte[] FilteredRows(Image image)
    {
        var png = new MemoryStream();
        PngEncoder.Encode(image, png, PngCompression.FromLevel(0));
        var idat = new MemoryStream();
        var bytes = png.ToArray();
        for (int i = 8; i < bytes.Length;)
        {
            int length = bytes[i] << 24 | bytes[i + 1] << 16 | bytes[i + 2] << 8 | bytes[i + 3];
            if (bytes.AsSpan(i + 4, 4).SequenceEqual("IDAT"u8)) idat.Write(bytes, i + 8, length);
            i += 12 + length;
        }
        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        var rows = new MemoryStream();
        zlib.CopyTo(rows);
        return rows.ToArray();
    }

    private static byte[] ZlibRunLength(byte[] data, int offset, int length, bool final)
    {
        var buffer = new MemoryStream(length / 2 + 64);
        var options = new ZLibCompressionOptions { CompressionLevel = 1, CompressionStrategy = ZLibCompressionStrategy.RunLengthEncoding };
        var deflate = new DeflateStream(buffer, options, leaveOpen: true);
        deflate.Write(data, offset, length);
        if (final)
        {
            deflate.Dispose();
            return buffer.ToArray();
        }
        deflate.Flush(); // a sync flush, as the PNG writer's pieces end
        var bytes = buffer.ToArray();
        deflate.Dispose();
        return bytes;
    }
}
