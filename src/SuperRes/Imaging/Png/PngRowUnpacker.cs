namespace SuperRes.Imaging.Png;

/// <summary>
/// Turns one unfiltered PNG row into image samples (unpacking bits, expanding the palette, turning a
/// tRNS colour key into an alpha channel). Samples are computed as integers and stored through
/// <see cref="ISampleWriter"/>, whose two cases (8-bit and 16-bit store) the JIT compiles apart.
/// </summary>
internal sealed class PngRowUnpacker(PngHeader header, byte[]? palette, int paletteCount, int[]? colorKey, Image image)
{
    private readonly int _outChannels = image.Channels;
    private readonly int _width = image.Width;

    /// <summary>Row holds <paramref name="count"/> pixels destined for x = x0, x0+dx, ... of image row y.</summary>
    public void Unpack(ReadOnlySpan<byte> row, int count, int y, int x0, int dx)
    {
        if (image.BitDepth == 8) Unpack(row, count, y, x0, dx, new ByteWriter(image.Samples8));
        else Unpack(row, count, y, x0, dx, new WordWriter(image.Samples16));
    }

    private void Unpack<TWriter>(ReadOnlySpan<byte> row, int count, int y, int x0, int dx, TWriter dst)
        where TWriter : ISampleWriter, allows ref struct
    {
        int depth = header.BitDepth;
        int channels = header.Channels;
        int step = dx * _outChannels;
        int o = (y * _width + x0) * _outChannels;
        if (colorKey is not null)
        {
            UnpackWithKey(row, count, o, step, dst);
        }
        else if (depth == 16)
        {
            for (int i = 0, s = 0; i < count; i++, o += step)
                for (int c = 0; c < channels; c++, s += 2)
                    dst.Set(o + c, row[s] << 8 | row[s + 1]);
        }
        else if (header.ColorType == 3)
        {
            int mask = (1 << depth) - 1;
            for (int i = 0; i < count; i++, o += step)
            {
                int bit = i * depth;
                int index = depth == 8 ? row[i] : (row[bit >> 3] >> (8 - depth - (bit & 7))) & mask;
                if (index >= paletteCount) throw new ImageFormatException($"palette index {index} out of range");
                for (int c = 0; c < _outChannels; c++) dst.Set(o + c, palette![4 * index + c]);
            }
        }
        else if (depth == 8 && dx == 1)
        {
            // Contiguous destination: a plain copy (widening for a 16-bit store).
            dst.CopyFrom(o, row[..(count * channels)]);
        }
        else if (depth == 8)
        {
            for (int i = 0, s = 0; i < count; i++, o += step)
                for (int c = 0; c < channels; c++, s++)
                    dst.Set(o + c, row[s]);
        }
        else
        {
            int mask = (1 << depth) - 1;
            int scale = 255 / mask; // 1-bit x255, 2-bit x85, 4-bit x17
            for (int i = 0; i < count; i++, o += step)
            {
                int bit = i * depth;
                dst.Set(o, ((row[bit >> 3] >> (8 - depth - (bit & 7))) & mask) * scale);
            }
        }
    }

    /// <summary>Gray or RGB with a transparent colour: samples as usual, then alpha 0 where all raw samples equal the key.</summary>
    private void UnpackWithKey<TWriter>(ReadOnlySpan<byte> row, int count, int o, int step, TWriter dst)
        where TWriter : ISampleWriter, allows ref struct
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
                dst.Set(o + c, v * scale);
            }
            dst.Set(o + channels, transparent ? 0 : opaque);
        }
    }

    private interface ISampleWriter
    {
        void Set(int index, int value);
        void CopyFrom(int index, ReadOnlySpan<byte> values);
    }

    private readonly ref struct ByteWriter(Span<byte> samples) : ISampleWriter
    {
        private readonly Span<byte> _samples = samples;
        public void Set(int index, int value) => _samples[index] = (byte)value;
        public void CopyFrom(int index, ReadOnlySpan<byte> values) => values.CopyTo(_samples[index..]);
    }

    private readonly ref struct WordWriter(Span<ushort> samples) : ISampleWriter
    {
        private readonly Span<ushort> _samples = samples;
        public void Set(int index, int value) => _samples[index] = (ushort)value;
        public void CopyFrom(int index, ReadOnlySpan<byte> values)
        {
            var target = _samples.Slice(index, values.Length);
            for (int i = 0; i < values.Length; i++) target[i] = values[i];
        }
    }
}
