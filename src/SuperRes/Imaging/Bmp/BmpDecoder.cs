using System.Buffers.Binary;
using System.Numerics;

namespace SuperRes.Imaging.Bmp;

/// <summary>
/// BMP decoder: 1/4/8-bit palette (uncompressed, or RLE8/RLE4), 16-bit (5-5-5, or bit fields), 24-bit, and
/// 32-bit (BI_RGB or BI_BITFIELDS, alpha when a mask says so); bottom-up or top-down; OS/2 core and
/// Windows V3/V4/V5 headers. Palettes whose entries are all gray decode to one channel. Fields narrower
/// than 8 bits scale as Pillow does, floor(v * 255 / max).
/// </summary>
internal static class BmpDecoder
{
    public static bool IsBmp(ReadOnlySpan<byte> header) => header.Length >= 18 && header[0] == 'B' && header[1] == 'M';

    public static Image Decode(byte[] data, ImageReadOptions options)
    {
        if (!IsBmp(data)) throw new ImageFormatException("not a BMP file");
        var d = data.AsSpan();
        uint pixelOffset = BinaryPrimitives.ReadUInt32LittleEndian(d[10..]);
        int headerSize = BinaryPrimitives.ReadInt32LittleEndian(d[14..]);
        if (headerSize is not (12 or 40 or 52 or 56 or 64 or 108 or 124)) throw new ImageFormatException($"unsupported BMP header size {headerSize}");
        if (14 + headerSize > data.Length) throw new ImageFormatException("truncated file (BMP header)");
        bool core = headerSize == 12;
        long width = core ? BinaryPrimitives.ReadUInt16LittleEndian(d[18..]) : BinaryPrimitives.ReadInt32LittleEndian(d[18..]);
        long height = core ? BinaryPrimitives.ReadUInt16LittleEndian(d[20..]) : BinaryPrimitives.ReadInt32LittleEndian(d[22..]);
        int bpp = BinaryPrimitives.ReadUInt16LittleEndian(d[(core ? 24 : 28)..]);
        int compression = core ? 0 : BinaryPrimitives.ReadInt32LittleEndian(d[30..]);
        bool topDown = height < 0;
        height = Math.Abs(height);
        options.CheckSize(width, height);

        uint[] masks = bpp == 16 ? [0x7C00, 0x03E0, 0x001F, 0] : [0x00FF0000, 0x0000FF00, 0x000000FF, 0];
        int paletteStart = 14 + headerSize;
        if (compression is 3 or 6)
        {
            if (bpp is not (16 or 32)) throw new ImageFormatException($"unsupported BMP: bit fields with {bpp} bits per pixel");
            int maskCount = compression == 6 || headerSize >= 56 ? 4 : 3;
            const int maskStart = 54; // right after a 40-byte header, or inside a larger one
            if (maskStart + 4 * maskCount > data.Length) throw new ImageFormatException("truncated file (BMP masks)");
            for (int i = 0; i < maskCount; i++) masks[i] = BinaryPrimitives.ReadUInt32LittleEndian(d[(maskStart + 4 * i)..]);
            if (headerSize == 40) paletteStart += 4 * maskCount;
        }
        else if (compression is 1 or 2)
        {
            if (bpp != (compression == 1 ? 8 : 4)) throw new ImageFormatException($"bad BMP: RLE{(compression == 1 ? 8 : 4)} with {bpp} bits per pixel");
        }
        else if (compression != 0)
        {
            throw new ImageFormatException($"unsupported BMP compression {compression} (only uncompressed, RLE8/RLE4 and bit fields)");
        }
        if (bpp is not (1 or 4 or 8 or 16 or 24 or 32)) throw new ImageFormatException($"unsupported BMP bit depth {bpp}");

        byte[]? palette = null; // RGB triples
        bool gray = false;
        if (bpp <= 8)
        {
            int used = core ? 0 : BinaryPrimitives.ReadInt32LittleEndian(d[46..]);
            int count = used is > 0 and <= 256 ? used : 1 << bpp;
            int entrySize = core ? 3 : 4;
            if (paletteStart + (long)count * entrySize > data.Length) throw new ImageFormatException("truncated file (BMP palette)");
            palette = new byte[256 * 3];
            gray = true;
            for (int i = 0; i < count; i++)
            {
                var e = d.Slice(paletteStart + i * entrySize, 3);
                palette[3 * i] = e[2];
                palette[3 * i + 1] = e[1];
                palette[3 * i + 2] = e[0];
                gray &= e[0] == e[1] && e[1] == e[2];
            }
        }

        bool rle = compression is 1 or 2;
        long stride = (width * bpp + 31) / 32 * 4;
        if (pixelOffset > data.Length || !rle && pixelOffset + stride * height > data.Length) throw new ImageFormatException("truncated file (BMP pixel data)");
        int channels = palette is not null ? (gray ? 1 : 3) : bpp == 32 && masks[3] != 0 ? 4 : 3;
        options.CheckMemory(data.Length + ImageReadOptions.SampleBytes(width, height, channels, 8), $"decoding a {width}x{height} BMP");
        if (rle)
        {
            options.CheckMemory(data.Length + width * height + ImageReadOptions.SampleBytes(width, height, channels, 8), $"decoding a {width}x{height} BMP");
            var indices = BmpRleDecoder.Expand(d[(int)pixelOffset..], (int)width, (int)height, compression == 2, topDown);
            return Paletted(indices, (int)width, (int)height, palette!, channels);
        }
        var image = new Image((int)width, (int)height, channels, 8);
        var samples = image.Samples8;
        for (int y = 0; y < height; y++)
        {
            var row = d.Slice((int)(pixelOffset + stride * (topDown ? y : height - 1 - y)), (int)stride);
            var dst = samples.Slice(y * (int)width * channels, (int)width * channels);
            if (palette is not null) UnpackPalette(row, dst, (int)width, bpp, palette, channels);
            else if (bpp == 16)
                for (int x = 0; x < width; x++)
                {
                    uint pixel = (uint)(row[2 * x] | row[2 * x + 1] << 8);
                    for (int c = 0; c < channels; c++) dst[channels * x + c] = Extract(pixel, masks[c]);
                }
            else if (bpp == 24)
                for (int x = 0; x < width; x++)
                {
                    dst[3 * x] = row[3 * x + 2];
                    dst[3 * x + 1] = row[3 * x + 1];
                    dst[3 * x + 2] = row[3 * x];
                }
            else
                for (int x = 0; x < width; x++)
                {
                    uint pixel = BinaryPrimitives.ReadUInt32LittleEndian(row[(4 * x)..]);
                    for (int c = 0; c < channels; c++) dst[channels * x + c] = Extract(pixel, masks[c]);
                }
        }
        return image;
    }

    /// <summary>An image from one palette index per pixel (top row first).</summary>
    private static Image Paletted(byte[] indices, int width, int height, byte[] palette, int channels)
    {
        var image = new Image(width, height, channels, 8);
        var samples = image.Samples8;
        for (int i = 0; i < indices.Length; i++)
            for (int c = 0; c < channels; c++) samples[i * channels + c] = palette[3 * indices[i] + c];
        return image;
    }

    private static void UnpackPalette(ReadOnlySpan<byte> row, Span<byte> dst, int width, int bpp, byte[] palette, int channels)
    {
        int mask = (1 << bpp) - 1;
        for (int x = 0; x < width; x++)
        {
            int bit = x * bpp;
            int index = (row[bit >> 3] >> (8 - bpp - (bit & 7))) & mask;
            if (channels == 1) dst[x] = palette[3 * index];
            else
            {
                dst[3 * x] = palette[3 * index];
                dst[3 * x + 1] = palette[3 * index + 1];
                dst[3 * x + 2] = palette[3 * index + 2];
            }
        }
    }

    /// <summary>The masked field scaled to 0..255 (floor, as Pillow's 5- and 6-bit unpackers).</summary>
    private static byte Extract(uint pixel, uint mask)
    {
        if (mask == 0) return 255;
        int shift = BitOperations.TrailingZeroCount(mask);
        uint max = mask >> shift;
        uint value = (pixel & mask) >> shift;
        return max == 255 ? (byte)value : (byte)((ulong)value * 255 / max);
    }
}
