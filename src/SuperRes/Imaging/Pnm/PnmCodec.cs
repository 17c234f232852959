using System.Buffers.Binary;
using System.Text;

namespace SuperRes.Imaging.Pnm;

/// <summary>
/// Binary PGM (P5) and PPM (P6). Any maxval 1..65535 is accepted: maxval up to 255 decodes to 8-bit
/// samples, larger ones to 16-bit, rescaled to the full range when maxval is not 255 / 65535.
/// </summary>
internal static class PnmCodec
{
    public static bool IsPnm(ReadOnlySpan<byte> header) =>
        header.Length >= 3 && header[0] == 'P' && (header[1] == '5' || header[1] == '6') && IsSpace(header[2]);

    public static Image Decode(byte[] data, ImageReadOptions options)
    {
        if (!IsPnm(data)) throw new ImageFormatException("not a binary PGM/PPM file (expected P5 or P6)");
        int channels = data[1] == '5' ? 1 : 3;
        int pos = 2;
        long width = ReadNumber(data, ref pos, "width");
        long height = ReadNumber(data, ref pos, "height");
        long maxValue = ReadNumber(data, ref pos, "maxval");
        if (maxValue is < 1 or > 65535) throw new ImageFormatException($"maxval {maxValue} outside 1..65535");
        options.CheckSize(width, height);
        pos++; // the single whitespace after maxval
        int bytesPerSample = maxValue < 256 ? 1 : 2;
        long count = width * height * channels;
        if (pos + count * bytesPerSample > data.Length) throw new ImageFormatException("truncated file (pixel data too short)");

        options.CheckMemory(data.Length + ImageReadOptions.SampleBytes(width, height, channels, bytesPerSample * 8), $"decoding a {width}x{height} PGM/PPM");
        int bitDepth = bytesPerSample * 8;
        int fullScale = (1 << bitDepth) - 1;
        var image = new Image((int)width, (int)height, channels, bitDepth);
        var src = data.AsSpan(pos);
        if (bytesPerSample == 1)
        {
            var samples = image.Samples8;
            for (int i = 0; i < samples.Length; i++)
            {
                int v = src[i];
                if (v > maxValue) throw new ImageFormatException($"sample {v} exceeds maxval {maxValue}");
                samples[i] = maxValue == fullScale ? (byte)v : (byte)((v * fullScale + maxValue / 2) / maxValue);
            }
        }
        else
        {
            var samples = image.Samples16;
            for (int i = 0; i < samples.Length; i++)
            {
                int v = src[2 * i] << 8 | src[2 * i + 1];
                if (v > maxValue) throw new ImageFormatException($"sample {v} exceeds maxval {maxValue}");
                samples[i] = maxValue == fullScale ? (ushort)v : (ushort)((v * (long)fullScale + maxValue / 2) / maxValue);
            }
        }
        return image;
    }

    public static void Encode(Image image, Stream output)
    {
        WriteHeader(output, image.Width, image.Height, image.Channels, image.BitDepth);
        WriteRows(image, output);
    }

    /// <summary>Writes the P5/P6 header of an image whose rows follow (<see cref="WriteRows"/>).</summary>
    public static void WriteHeader(Stream output, int width, int height, int channels, int bitDepth)
    {
        if (channels is 2 or 4)
            throw new ArgumentException("PGM/PPM cannot store an alpha channel; write PNG, or drop the alpha channel first.", nameof(channels));
        string header = $"{(channels == 1 ? "P5" : "P6")}\n{width} {height}\n{(1 << bitDepth) - 1}\n";
        output.Write(Encoding.ASCII.GetBytes(header));
    }

    /// <summary>Writes every row of <paramref name="band"/> (samples big-endian at 16 bits).</summary>
    public static void WriteRows(Image band, Stream output)
    {
        if (band.BitDepth == 8)
        {
            output.Write(band.Samples8);
            return;
        }
        int rowSamples = band.Width * band.Channels;
        var buffer = new byte[rowSamples * 2];
        var samples = band.Samples16;
        for (int y = 0; y < band.Height; y++)
        {
            var row = samples.Slice(y * rowSamples, rowSamples);
            for (int i = 0; i < row.Length; i++) BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2 * i), row[i]);
            output.Write(buffer);
        }
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0B or 0x0C;

    private static long ReadNumber(byte[] data, ref int pos, string what)
    {
        while (pos < data.Length && (IsSpace(data[pos]) || data[pos] == '#'))
        {
            if (data[pos] == '#')
                while (pos < data.Length && data[pos] != '\n' && data[pos] != '\r') pos++;
            else pos++;
        }
        if (pos >= data.Length) throw new ImageFormatException($"truncated header (missing {what})");
        long value = 0;
        int digits = 0;
        while (pos < data.Length && data[pos] >= '0' && data[pos] <= '9')
        {
            value = value * 10 + (data[pos++] - '0');
            if (++digits > 9) throw new ImageFormatException($"{what} too large");
        }
        if (digits == 0) throw new ImageFormatException($"bad header ({what} is not a number)");
        if (pos >= data.Length || !IsSpace(data[pos])) throw new ImageFormatException($"bad header (no whitespace after {what})");
        return value;
    }
}
