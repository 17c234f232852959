namespace SuperRes.Imaging.Png;

/// <summary>
/// Turns one unfiltered PNG row into image samples (unpacking bits, expanding the palette, turning a
/// tRNS colour key into an alpha channel).
/// </summary>
internal sealed class PngRowUnpacker(PngHeader header, byte[]? palette, int paletteCount, int[]? colorKey, Image image)
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
        if (colorKey is not null)
        {
            UnpackWithKey(row, count, o, step, dst);
        }
        else if (depth == 16)
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
        else if (depth == 8 && dx == 1)
        {
            // Contiguous destination: a plain widening copy.
            var target = dst.Slice(o, count * channels);
            for (int i = 0; i < target.Length; i++) target[i] = row[i];
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

    /// <summary>Gray or RGB with a transparent colour: samples as usual, then alpha 0 where all raw samples equal the key.</summary>
    private void UnpackWithKey(ReadOnlySpan<byte> row, int count, int o, int step, Span<ushort> dst)
    {
        int depth = header.BitDepth, channels = header.Channels;
        int mask = (1 << depth) - 1;
        int scale = depth >= 8 ? 1 : 255 / mask;
        int opaque = depth == 16 ? 65535 : 255;
        for (int i = 0; i < count; i++, o += step)
        {
            bool transparent = true;
            for (int c = 0; c < channels; c++)
            {
                int k = i * channels + c;
                int v = depth switch
                {
                    16 => row[2 * k] << 8 | row[2 * k + 1],
                    8 => row[k],
                    _ => (row[k * depth >> 3] >> (8 - depth - (k * depth & 7))) & mask,
                };
                transparent &= v == colorKey![c];
                dst[o + c] = (ushort)(v * scale);
            }
            dst[o + channels] = (ushort)(transparent ? 0 : opaque);
        }
    }
}
