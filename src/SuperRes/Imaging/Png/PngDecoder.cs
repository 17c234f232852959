using System.Buffers.Binary;
using System.IO.Hashing;
using SuperRes.Compression;
using SuperRes.Imaging.Jpeg;

namespace SuperRes.Imaging.Png;

/// <summary>
/// PNG decoder: all colour types and bit depths, Adam7, all filters, every chunk CRC checked.
/// Depths up to 8 decode to 8-bit samples (sub-8-bit gray scaled to 0..255), 16 to 16-bit.
/// Palette images decode to RGB, or RGBA when a tRNS chunk is present; a tRNS colour key on a gray
/// or RGB image adds an alpha channel (0 where the key matches, opaque elsewhere), as libpng's
/// tRNS-to-alpha does. Nothing is allocated for the pixels before the compressed data present is
/// shown able to hold them (deflate expands at most 1032:1). An eXIf chunk's orientation is applied, as
/// for JPEG, unless <see cref="ImageReadOptions.ApplyExifOrientation"/> is off.
/// </summary>
internal static class PngDecoder
{
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The size an IHDR chunk right after the signature states, or null; nothing is checked beyond that.</summary>
    public static (int Width, int Height)? TryReadSize(ReadOnlySpan<byte> head)
    {
        if (head.Length < 24 || !head.StartsWith(Signature) || !head[12..16].SequenceEqual("IHDR"u8)) return null;
        int width = BinaryPrimitives.ReadInt32BigEndian(head[16..]), height = BinaryPrimitives.ReadInt32BigEndian(head[20..]);
        return width > 0 && height > 0 ? (width, height) : null;
    }

    private static readonly (int X0, int Y0, int Dx, int Dy)[] Adam7 =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    public static Image Decode(byte[] data, ImageReadOptions options)
    {
        if (data.Length < 8 || !data.AsSpan(0, 8).SequenceEqual(Signature)) throw new ImageFormatException("not a PNG file (bad signature)");
        PngHeader? header = null;
        byte[]? palette = null; // RGBA quadruples
        int paletteCount = 0;
        bool hasTransparency = false;
        int[]? colorKey = null;
        var idat = new List<(int Start, int Length)>();
        bool idatEnded = false;
        int orientation = 0; // 0: no eXIf chunk seen yet
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
            if (Crc32.HashToUInt32(data.AsSpan(pos + 4, (int)length + 4)) != crc) throw new ImageFormatException($"bad CRC in {type} chunk");
            int bodyStart = pos + 8;
            pos += 12 + (int)length;
            if (header is null && type != "IHDR") throw new ImageFormatException("first chunk is not IHDR");
            if (idat.Count > 0 && type != "IDAT") idatEnded = true;
            switch (type)
            {
                case "IHDR":
                    if (header is not null) throw new ImageFormatException("duplicate IHDR chunk");
                    header = PngHeader.Parse(body);
                    options.CheckSize(header.Width, header.Height);
                    break;
                case "PLTE":
                    if (palette is not null) throw new ImageFormatException("duplicate PLTE chunk");
                    if (idat.Count > 0) throw new ImageFormatException("PLTE chunk after IDAT");
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
                    // Out of place (after IDAT) or repeated: ignored, as libpng does.
                    if (idat.Count > 0 || hasTransparency || colorKey is not null) break;
                    if (header!.ColorType == 3)
                    {
                        if (palette is null) throw new ImageFormatException("tRNS chunk before PLTE");
                        if (length > paletteCount) throw new ImageFormatException("tRNS chunk longer than the palette");
                        for (int i = 0; i < body.Length; i++) palette[4 * i + 3] = body[i];
                        hasTransparency = true;
                    }
                    else if (header.ColorType is 0 or 2)
                    {
                        colorKey = ParseColorKey(body, header);
                    }
                    break; // tRNS on an image with an alpha channel is meaningless and ignored, as libpng does
                case "IDAT":
                    if (idatEnded) throw new ImageFormatException("IDAT chunks are not consecutive");
                    idat.Add((bodyStart, (int)length));
                    break;
                case "IEND":
                    if (idat.Count == 0) throw new ImageFormatException("no IDAT chunk");
                    var image = DecodePixels(data, header!, palette, paletteCount, hasTransparency, colorKey, idat, options);
                    if (!options.ApplyExifOrientation || orientation <= 1) return image;
                    options.CheckMemory(data.Length + 2 * ImageReadOptions.SampleBytes(image.Width, image.Height, image.Channels, image.BitDepth),
                        $"rotating a {image.Width}x{image.Height} PNG");
                    return ExifOrientation.Apply(image, orientation);
                case "eXIf":
                    if (orientation == 0) orientation = ExifOrientation.ParseTiff(body); // the first counts, as in libpng
                    break;
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

    /// <summary>The transparent gray level (1 value) or RGB colour (3 values), in the file's sample depth.</summary>
    private static int[] ParseColorKey(ReadOnlySpan<byte> body, PngHeader header)
    {
        int count = header.ColorType == 0 ? 1 : 3;
        if (body.Length != 2 * count) throw new ImageFormatException($"bad tRNS chunk length {body.Length} (expected {2 * count})");
        var key = new int[count];
        for (int i = 0; i < count; i++) key[i] = BinaryPrimitives.ReadUInt16BigEndian(body[(2 * i)..]);
        return key;
    }

    private static Image DecodePixels(byte[] data, PngHeader header, byte[]? palette, int paletteCount, bool transparency, int[]? colorKey,
        List<(int Start, int Length)> idat, ImageReadOptions options)
    {
        if (header.ColorType == 3 && palette is null) throw new ImageFormatException("palette image without PLTE chunk");
        int outChannels = header.ColorType == 3 ? (transparency ? 4 : 3) : header.Channels + (colorKey is null ? 0 : 1);

        // Evidence first: the filtered rows must fit what the compressed bytes present can inflate to.
        long compressed = 0;
        foreach (var (_, length) in idat) compressed += length;
        long raw = 0, widestRow = 0;
        foreach (var (x0, y0, dx, dy) in header.Interlaced ? Adam7 : [(0, 0, 1, 1)])
        {
            var (passWidth, passHeight, rowBytes) = PassSize(header, x0, y0, dx, dy);
            if (passWidth <= 0 || passHeight <= 0) continue;
            raw += passHeight * (rowBytes + 1);
            widestRow = Math.Max(widestRow, rowBytes);
        }
        if (raw > compressed * ZlibDecoder.MaxRatio)
            throw new ImageFormatException(
                $"IDAT holds {compressed} compressed bytes, which cannot inflate to the {raw} bytes a {header.Width}x{header.Height} image needs (truncated or forged header)");
        if (widestRow >= Array.MaxLength) throw new ImageFormatException($"image row of {widestRow} bytes is too long");
        long copy = idat.Count > 1 ? compressed : 0;
        options.CheckMemory(data.Length + copy + 2 * widestRow + ImageReadOptions.SampleBytes(header.Width, header.Height, outChannels, header.BitDepth == 16 ? 16 : 8),
            $"decoding a {header.Width}x{header.Height} PNG");

        byte[] stream = data;
        int start = idat[0].Start, count = (int)Math.Min(compressed, int.MaxValue);
        if (idat.Count > 1)
        {
            if (compressed > Array.MaxLength) throw new ImageFormatException("IDAT data too large");
            stream = new byte[compressed];
            int at = 0;
            foreach (var (s, length) in idat)
            {
                Array.Copy(data, s, stream, at, length);
                at += length;
            }
            start = 0;
        }

        var image = new Image(header.Width, header.Height, outChannels, header.BitDepth == 16 ? 16 : 8);
        var unpacker = new PngRowUnpacker(header, palette, paletteCount, colorKey, image);
        try
        {
            using var zlib = new ZlibDecoder(stream, start, count);
            foreach (var (x0, y0, dx, dy) in header.Interlaced ? Adam7 : [(0, 0, 1, 1)])
                ReadPass(zlib, header, unpacker, x0, y0, dx, dy);
            zlib.ReadToEnd(long.MaxValue); // checks the Adler-32; extra data after the rows is allowed, as libpng does
        }
        catch (InvalidDataException e)
        {
            throw new ImageFormatException($"corrupt compressed data in IDAT: {e.Message}");
        }
        return image;
    }

    private static (long Width, long Height, long RowBytes) PassSize(PngHeader header, int x0, int y0, int dx, int dy)
    {
        long passWidth = ((long)header.Width - x0 + dx - 1) / dx;
        long passHeight = ((long)header.Height - y0 + dy - 1) / dy;
        return (passWidth, passHeight, (passWidth * header.BitsPerPixel + 7) / 8);
    }

    private static void ReadPass(ZlibDecoder zlib, PngHeader header, PngRowUnpacker unpacker, int x0, int y0, int dx, int dy)
    {
        var (passWidth, passHeight, rowBytes) = PassSize(header, x0, y0, dx, dy);
        if (passWidth <= 0 || passHeight <= 0) return;
        int bpp = Math.Max(1, header.BitsPerPixel / 8);
        var previous = new byte[rowBytes];
        var current = new byte[rowBytes + 1];
        for (int row = 0; row < passHeight; row++)
        {
            if (zlib.ReadAtLeast(current, current.Length, throwOnEndOfStream: false) < current.Length)
                throw new ImageFormatException($"truncated image data in IDAT (row {row} of {passHeight}{(header.Interlaced ? " in an interlace pass" : "")} missing)");
            var line = current.AsSpan(1);
            PngFilters.Unfilter(current[0], line, previous, bpp);
            unpacker.Unpack(line, (int)passWidth, y0 + row * dy, x0, dx);
            line.CopyTo(previous);
        }
    }
}
