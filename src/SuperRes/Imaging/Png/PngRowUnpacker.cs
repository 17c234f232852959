namespace SuperRes.Imaging.Png;

/// <summary>Turns one unfiltered PNG row into image samples (unpacking bits, expanding the palette).</summary>
internal sealed class PngRowUnpacker(PngHeader header, byte[]? palette, int paletteCount, Image image)
{
    private readonly ushort[] _samples = image.Samples;
    private readonly int _outChannels = image.Channels;
    private readonly int _width = image.Width;

    /// <summary>Row holds <paramref name="count"/> pixels destined for x = x0, x0+dx, ... of image row y.</summary>
    public void Unpack(ReadOnlySpan<byte> row, int count, int y, int x0, int dx)
    {
        int depth = header.BitDepth;
        int channels = header.Channels;
        int step = dx * _outChannels;
        int o = (y * _width + x0) * _outChannels;
        var dst = _samples.AsSpan();
        if (depth == 16)
        {
            for (int i = 0, s = 0; i < count; i++, o += step)
                for (int c = 0; c < channels; c++, s += 2)
                    dst[o + c] = (ushort)(row[s] << 8 | row[s + 1]);
        }
        else if (header.ColorType == 3)
        {
            int mask = (1 << depth) - 1;
            for (int i = 0; i < count; i++, o += step)
            {
                int bit = i * depth;
                int index = depth == 8 ? row[i] : (row[bit >> 3] >> (8 - depth - (bit & 7))) & mask;
                if (index >= paletteCount) throw new ImageFormatException($"palette index {index} out of range");
                for (int c = 0; c < _outChannels; c++) dst[o + c] = palette![4 * index + c];
            }
        }
        else if (depth == 8)
        {
            for (int i = 0, s = 0; i < count; i++, o += step)
                for (int c = 0; c < channels; c++, s++)
                    dst[o + c] = row[s];
        }
        else
        {
            int mask = (1 << depth) - 1;
            int scale = 255 / mask; // 1-bit x255, 2-bit x85, 4-bit x17
            for (int i = 0; i < count; i++, o += step)
            {
                int bit = i * depth;
                dst[o] = (ushort)(((row[bit >> 3] >> (8 - depth - (bit & 7))) & mask) * scale);
            }
        }
    }
}
