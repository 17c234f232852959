using System.Buffers.Binary;

namespace SuperRes.Imaging.Jpeg;

/// <summary>Reads the EXIF orientation tag (JPEG APP1, PNG eXIf) and applies it (values 1..8, TIFF/EXIF meaning).</summary>
internal static class ExifOrientation
{
    /// <summary>The orientation in an APP1 body, or 1 when absent or malformed (EXIF is optional metadata).</summary>
    public static int Parse(ReadOnlySpan<byte> app1)
    {
        if (app1.Length < 14 || !app1.StartsWith("Exif\0\0"u8)) return 1;
        return ParseTiff(app1[6..]);
    }

    /// <summary>The orientation in EXIF data that starts with its TIFF header (a PNG eXIf chunk), or 1.</summary>
    public static int ParseTiff(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8) return 1;
        bool little = tiff[0] == 'I' && tiff[1] == 'I';
        if (!little && !(tiff[0] == 'M' && tiff[1] == 'M')) return 1;
        uint ifd = Read32(tiff[4..], little);
        if (ifd > (uint)tiff.Length - 2) return 1;
        int count = Read16(tiff[(int)ifd..], little);
        for (int i = 0; i < count; i++)
        {
            long entry = ifd + 2 + 12L * i;
            if (entry + 12 > tiff.Length) return 1;
            var e = tiff.Slice((int)entry, 12);
            if (Read16(e, little) == 0x0112 && Read16(e[2..], little) == 3)
            {
                int value = Read16(e[8..], little);
                return value is >= 1 and <= 8 ? value : 1;
            }
        }
        return 1;
    }

    /// <summary>Returns the image as it should be displayed (a new image unless orientation is 1).</summary>
    public static Image Apply(Image source, int orientation)
    {
        if (orientation is < 2 or > 8) return source;
        int w = source.Width, h = source.Height, channels = source.Channels;
        bool swap = orientation >= 5;
        int outW = swap ? h : w, outH = swap ? w : h;
        var result = new Image(outW, outH, channels, source.BitDepth);
        for (int y = 0; y < outH; y++)
        {
            for (int x = 0; x < outW; x++)
            {
                var (sx, sy) = orientation switch
                {
                    2 => (w - 1 - x, y),
                    3 => (w - 1 - x, h - 1 - y),
                    4 => (x, h - 1 - y),
                    5 => (y, x),
                    6 => (y, h - 1 - x),
                    7 => (w - 1 - y, h - 1 - x),
                    _ => (w - 1 - y, x),
                };
                int s = (sy * w + sx) * channels, d = (y * outW + x) * channels;
                for (int c = 0; c < channels; c++) result.SetSample(d + c, source.GetSample(s + c));
            }
        }
        return result;
    }

    private static int Read16(ReadOnlySpan<byte> b, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(b) : BinaryPrimitives.ReadUInt16BigEndian(b);

    private static uint Read32(ReadOnlySpan<byte> b, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(b) : BinaryPrimitives.ReadUInt32BigEndian(b);
}
