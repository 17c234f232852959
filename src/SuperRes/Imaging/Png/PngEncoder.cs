using System.Buffers.Binary;
using System.IO.Compression;

namespace SuperRes.Imaging.Png;

/// <summary>
/// PNG encoder for 8/16-bit gray, gray+alpha, RGB and RGBA. Each row takes the filter with the
/// smallest sum of absolute filtered bytes (the libpng heuristic).
/// </summary>
internal static class PngEncoder
{
    public static void Encode(Image image, Stream output, CompressionLevel level = CompressionLevel.Optimal)
    {
        int bytesPerSample = image.BitDepth / 8;
        int bpp = image.Channels * bytesPerSample;
        int rowBytes = checked(image.Width * bpp);
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, level, leaveOpen: true))
        {
            var previous = new byte[rowBytes];
            var current = new byte[rowBytes];
            var best = new byte[rowBytes + 1];
            var trial = new byte[rowBytes];
            for (int y = 0; y < image.Height; y++)
            {
                PackRow(image, y, current);
                long bestScore = long.MaxValue;
                for (int filter = 0; filter < 5; filter++)
                {
                    PngFilters.Filter(filter, current, previous, bpp, trial);
                    long score = 0;
                    foreach (byte b in trial) score += b < 128 ? b : 256 - b;
                    if (score < bestScore)
                    {
                        bestScore = score;
                        best[0] = (byte)filter;
                        trial.CopyTo(best, 1);
                    }
                }
                zlib.Write(best);
                (previous, current) = (current, previous);
            }
        }

        output.Write(PngDecoder.Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], image.Height);
        header[8] = (byte)image.BitDepth;
        header[9] = image.Channels switch { 1 => 0, 2 => 4, 3 => 2, _ => 6 };
        header[10] = header[11] = header[12] = 0;
        WriteChunk(output, "IHDR", header);
        var data = compressed.GetBuffer().AsSpan(0, (int)compressed.Length);
        const int MaxChunk = 1 << 20;
        for (int start = 0; start < data.Length; start += MaxChunk)
            WriteChunk(output, "IDAT", data.Slice(start, Math.Min(MaxChunk, data.Length - start)));
        WriteChunk(output, "IEND", []);
    }

    private static void PackRow(Image image, int y, Span<byte> row)
    {
        int n = image.Width * image.Channels;
        var src = image.Samples.AsSpan(y * n, n);
        if (image.BitDepth == 8)
        {
            for (int i = 0; i < n; i++) row[i] = (byte)src[i];
        }
        else
        {
            for (int i = 0; i < n; i++) BinaryPrimitives.WriteUInt16BigEndian(row[(2 * i)..], src[i]);
        }
    }

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> body)
    {
        var buffer = new byte[body.Length + 12];
        BinaryPrimitives.WriteInt32BigEndian(buffer, body.Length);
        for (int i = 0; i < 4; i++) buffer[4 + i] = (byte)type[i];
        body.CopyTo(buffer.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(8 + body.Length), PngCrc.Compute(buffer.AsSpan(4, body.Length + 4)));
        output.Write(buffer);
    }
}
