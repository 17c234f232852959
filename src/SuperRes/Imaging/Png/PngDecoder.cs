using System.Buffers.Binary;
using System.IO.Compression;

namespace SuperRes.Imaging.Png;

/// <summary>
/// PNG decoder: all colour types and bit depths, Adam7, all filters, every chunk CRC checked.
/// Depths up to 8 decode to 8-bit samples (sub-8-bit gray scaled to 0..255), 16 to 16-bit.
/// Palette images decode to RGB, or RGBA when a tRNS chunk is present.
/// </summary>
internal static class PngDecoder
{
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly (int X0, int Y0, int Dx, int Dy)[] Adam7 =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    public static Image Decode(byte[] data, ImageReadOptions options)
    {
        if (data.Length < 8 || !data.AsSpan(0, 8).SequenceEqual(Signature)) throw new ImageFormatException("not a PNG file (bad signature)");
        PngHeader? header = null;
        byte[]? palette = null; // RGBA quadruples
        int paletteCount = 0;
        bool hasTransparency = false;
        var idat = new MemoryStream();
        bool seenIdat = false, idatEnded = false;
        int pos = 8;
        while (true)
        {
            if (pos + 8 > data.Length) throw new ImageFormatException("truncated file (no IEND chunk)");
            uint length = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(pos));
            string type = ChunkType(data.AsSpan(pos + 4, 4));
            if (length > int.MaxValue) throw new ImageFormatException($"bad length in {type} chunk");
            if (pos + 12L + length > data.Length) throw new ImageFormatException($"truncated {type} chunk");
            var body = data.AsSpan(pos + 8, (int)length);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(pos + 8 + (int)length));
            if (PngCrc.Compute(data.AsSpan(pos + 4, (int)length + 4)) != crc) throw new ImageFormatException($"bad CRC in {type} chunk");
            pos += 12 + (int)length;
            if (header is null && type != "IHDR") throw new ImageFormatException("first chunk is not IHDR");
            if (seenIdat && type != "IDAT") idatEnded = true;
            switch (type)
            {
                case "IHDR":
                    if (header is not null) throw new ImageFormatException("duplicate IHDR chunk");
                    header = PngHeader.Parse(body);
                    options.CheckSize(header.Width, header.Height);
                    break;
                case "PLTE":
                    if (palette is not null) throw new ImageFormatException("duplicate PLTE chunk");
                    if (seenIdat) throw new ImageFormatException("PLTE chunk after IDAT");
                    if (length % 3 != 0 || length == 0 || length > 768) throw new ImageFormatException("bad PLTE chunk length");
                    paletteCount = (int)length / 3;
                    palette = new byte[256 * 4];
                    for (int i = 0; i < paletteCount; i++)
                    {
                        palette[4 * i] = body[3 * i];
                        palette[4 * i + 1] = body[3 * i + 1];
                        palette[4 * i + 2] = body[3 * i + 2];
                        palette[4 * i + 3] = 255;
                    }
                    break;
                case "tRNS":
                    if (header!.ColorType == 3)
                    {
                        if (palette is null) throw new ImageFormatException("tRNS chunk before PLTE");
                        if (length > paletteCount) throw new ImageFormatException("tRNS chunk longer than the palette");
                        for (int i = 0; i < body.Length; i++) palette[4 * i + 3] = body[i];
                        hasTransparency = true;
                    }
                    break; // a single transparent gray/RGB colour is ignored
                case "IDAT":
                    if (idatEnded) throw new ImageFormatException("IDAT chunks are not consecutive");
                    seenIdat = true;
                    idat.Write(body);
                    break;
                case "IEND":
                    if (!seenIdat) throw new ImageFormatException("no IDAT chunk");
                    return DecodePixels(header!, palette, paletteCount, hasTransparency, idat);
                default:
                    if (char.IsUpper(type[0])) throw new ImageFormatException($"unknown critical chunk {type}");
                    break;
            }
        }
    }

    private static string ChunkType(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
            if (!char.IsAsciiLetter((char)b)) throw new ImageFormatException("bad chunk type (corrupt file)");
        return System.Text.Encoding.ASCII.GetString(bytes);
    }

    private static Image DecodePixels(PngHeader header, byte[]? palette, int paletteCount, bool transparency, MemoryStream idat)
    {
        if (header.ColorType == 3 && palette is null) throw new ImageFormatException("palette image without PLTE chunk");
        int outChannels = header.ColorType == 3 ? (transparency ? 4 : 3) : header.Channels;
        var image = new Image(header.Width, header.Height, outChannels, header.BitDepth == 16 ? 16 : 8);
        var unpacker = new PngRowUnpacker(header, palette, paletteCount, image);
        idat.Position = 0;
        try
        {
            using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
            if (!header.Interlaced)
            {
                ReadPass(zlib, header, unpacker, 0, 0, 1, 1);
            }
            else
            {
                foreach (var (x0, y0, dx, dy) in Adam7)
                    ReadPass(zlib, header, unpacker, x0, y0, dx, dy);
            }
        }
        catch (InvalidDataException e)
        {
            throw new ImageFormatException("corrupt compressed data in IDAT: " + e.Message);
        }
        return image;
    }

    private static void ReadPass(ZLibStream zlib, PngHeader header, PngRowUnpacker unpacker, int x0, int y0, int dx, int dy)
    {
        int passWidth = (header.Width - x0 + dx - 1) / dx;
        int passHeight = (header.Height - y0 + dy - 1) / dy;
        if (passWidth <= 0 || passHeight <= 0) return;
        int rowBytes = (int)(((long)passWidth * header.BitsPerPixel + 7) / 8);
        int bpp = Math.Max(1, header.BitsPerPixel / 8);
        var previous = new byte[rowBytes];
        var current = new byte[rowBytes + 1];
        for (int row = 0; row < passHeight; row++)
        {
            ReadExactly(zlib, current);
            var line = current.AsSpan(1);
            PngFilters.Unfilter(current[0], line, previous, bpp);
            unpacker.Unpack(line, passWidth, y0 + row * dy, x0, dx);
            line.CopyTo(previous);
        }
    }

    private static void ReadExactly(Stream stream, byte[] buffer)
    {
        int done = 0;
        while (done < buffer.Length)
        {
            int n = stream.Read(buffer, done, buffer.Length - done);
            if (n == 0) throw new ImageFormatException("truncated image data in IDAT");
            done += n;
        }
    }
}
