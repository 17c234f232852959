using System.Buffers.Binary;

namespace SuperRes.Imaging.Png;

/// <summary>The IHDR chunk, validated.</summary>
internal sealed record PngHeader(int Width, int Height, int BitDepth, int ColorType, bool Interlaced)
{
    /// <summary>Samples per pixel in the file (palette: 1 index).</summary>
    public int Channels => ColorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, _ => 4 };

    public int BitsPerPixel => Channels * BitDepth;

    public static PngHeader Parse(ReadOnlySpan<byte> body)
    {
        if (body.Length != 13) throw new ImageFormatException("bad IHDR chunk length");
        uint width = BinaryPrimitives.ReadUInt32BigEndian(body);
        uint height = BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue)
            throw new ImageFormatException($"invalid image size {width}x{height}");
        int depth = body[8], colorType = body[9];
        bool ok = colorType switch
        {
            0 => depth is 1 or 2 or 4 or 8 or 16,
            3 => depth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => depth is 8 or 16,
            _ => false,
        };
        if (!ok) throw new ImageFormatException($"invalid colour type {colorType} with bit depth {depth}");
        if (body[10] != 0 || body[11] != 0) throw new ImageFormatException("unknown compression or filter method");
        if (body[12] > 1) throw new ImageFormatException($"unknown interlace method {body[12]}");
        return new PngHeader((int)width, (int)height, depth, colorType, body[12] == 1);
    }
}
