using System.Buffers.Binary;

namespace SuperRes.Imaging.Bmp;

/// <summary>
/// BMP encoder: gray as 8-bit with a gray palette, RGB as 24-bit, images with alpha as
/// 32-bit BI_BITFIELDS (BITMAPV4HEADER). 16-bit samples are rounded to 8 bits (BMP has no deeper format here).
/// A whole image is written bottom-up (the usual order); an image written in bands top-down (a
/// negative height, as the format allows), so its rows can go out as they are computed.
/// </summary>
internal static class BmpEncoder
{
    public static void Encode(Image image, Stream output)
    {
        WriteHeader(output, image.Width, image.Height, image.Channels, topDown: false);
        var row = new byte[Stride(image.Width, image.Channels)];
        for (int y = image.Height - 1; y >= 0; y--)
        {
            PackRow(image, y, row);
            output.Write(row);
        }
    }

    /// <summary>Appends the rows of <paramref name="band"/> in order, for a file whose header said top-down.</summary>
    public static void WriteRows(Image band, Stream output)
    {
        var row = new byte[Stride(band.Width, band.Channels)];
        for (int y = 0; y < band.Height; y++)
        {
            PackRow(band, y, row);
            output.Write(row);
        }
    }

    /// <summary>Throws unless a BMP of this size can be written (its file size must fit 32 bits).</summary>
    public static void CheckSize(int width, int height, int channels)
    {
        long fileSize = 14 + 108 + 1024 + (long)Stride(width, channels) * height;
        if (fileSize > int.MaxValue) throw new ArgumentException($"A {width}x{height} image is too large for BMP (over 2 GB); write PNG.", nameof(width));
    }

    private static int Bpp(int channels) => channels switch { 1 => 8, 3 => 24, _ => 32 };

    private static int Stride(int width, int channels) => (int)(((long)width * Bpp(channels) + 31) / 32 * 4);

    public static void WriteHeader(Stream output, int w, int h, int channels, bool topDown)
    {
        CheckSize(w, h, channels);
        int bpp = Bpp(channels);
        int headerSize = bpp == 32 ? 108 : 40;
        int paletteSize = bpp == 8 ? 256 * 4 : 0;
        int stride = Stride(w, channels);
        int offset = 14 + headerSize + paletteSize;
        long fileSize = offset + (long)stride * h;

        var header = new byte[offset];
        var s = header.AsSpan();
        s[0] = (byte)'B';
        s[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(s[2..], (int)fileSize);
        BinaryPrimitives.WriteInt32LittleEndian(s[10..], offset);
        BinaryPrimitives.WriteInt32LittleEndian(s[14..], headerSize);
        BinaryPrimitives.WriteInt32LittleEndian(s[18..], w);
        BinaryPrimitives.WriteInt32LittleEndian(s[22..], topDown ? -h : h);
        BinaryPrimitives.WriteInt16LittleEndian(s[26..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(s[28..], (short)bpp);
        BinaryPrimitives.WriteInt32LittleEndian(s[30..], bpp == 32 ? 3 : 0);
        BinaryPrimitives.WriteInt32LittleEndian(s[34..], stride * h);
        BinaryPrimitives.WriteInt32LittleEndian(s[38..], 2835); // 72 dpi
        BinaryPrimitives.WriteInt32LittleEndian(s[42..], 2835);
        if (bpp == 8)
        {
            BinaryPrimitives.WriteInt32LittleEndian(s[46..], 256);
            for (int i = 0; i < 256; i++) s[54 + 4 * i] = s[55 + 4 * i] = s[56 + 4 * i] = (byte)i;
        }
        if (bpp == 32)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(s[54..], 0x00FF0000);
            BinaryPrimitives.WriteUInt32LittleEndian(s[58..], 0x0000FF00);
            BinaryPrimitives.WriteUInt32LittleEndian(s[62..], 0x000000FF);
            BinaryPrimitives.WriteUInt32LittleEndian(s[66..], 0xFF000000);
            BinaryPrimitives.WriteUInt32LittleEndian(s[70..], 0x73524742); // 'sRGB'
        }
        output.Write(header);

    }

    private static void PackRow(Image image, int y, byte[] row)
    {
        int w = image.Width, channels = image.Channels;
        bool deep = image.BitDepth == 16;
        int start = y * w * channels;
        for (int x = 0; x < w; x++)
        {
            int p = start + x * channels;
            byte Sample(int c) => deep ? (byte)((image.Samples16[p + c] * 255 + 32767) / 65535) : image.Samples8[p + c];
            switch (channels)
            {
                case 1: row[x] = Sample(0); break;
                case 2: row[4 * x] = row[4 * x + 1] = row[4 * x + 2] = Sample(0); row[4 * x + 3] = Sample(1); break;
                case 3: row[3 * x] = Sample(2); row[3 * x + 1] = Sample(1); row[3 * x + 2] = Sample(0); break;
                default: row[4 * x] = Sample(2); row[4 * x + 1] = Sample(1); row[4 * x + 2] = Sample(0); row[4 * x + 3] = Sample(3); break;
            }
        }
    }
}
