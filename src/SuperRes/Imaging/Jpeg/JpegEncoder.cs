using System.Buffers.Binary;

namespace SuperRes.Imaging.Jpeg;

/// <summary>
/// Baseline JPEG (ITU-T T.81, sequential DCT, Huffman): JFIF, YCbCr 4:2:0 or 4:4:4 (gray: one
/// component), the Annex K tables scaled by quality as IJG does, an optional ICC profile in APP2.
/// 16-bit images are rounded to 8 bits; alpha is dropped (JPEG has none).
/// </summary>
public static class JpegEncoder
{
    private static readonly float[] Cosines = CreateCosines();

    public static void Encode(Image image, Stream output, JpegEncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(output);
        options ??= JpegEncoderOptions.Default;
        options.Validate();
        bool color = image.ColorChannels == 3;
        int hmax = color && options.Subsample ? 2 : 1;
        int mcuSide = 8 * hmax;
        int mcusX = (image.Width + mcuSide - 1) / mcuSide, mcusY = (image.Height + mcuSide - 1) / mcuSide;
        var planes = ToYCbCr(image, color, mcusX * mcuSide, mcusY * mcuSide);
        if (hmax == 2)
        {
            planes[1] = Halve(planes[1], mcusX * 16, mcusY * 16);
            planes[2] = Halve(planes[2], mcusX * 16, mcusY * 16);
        }
        var quant = new[] { JpegStandardTables.Scale(JpegStandardTables.LuminanceQuantization, options.Quality),
                            JpegStandardTables.Scale(JpegStandardTables.ChrominanceQuantization, options.Quality) };
        var dc = new[] { new JpegHuffmanEncoder(JpegStandardTables.DcLuminanceCounts, JpegStandardTables.DcLuminanceValues),
                         new JpegHuffmanEncoder(JpegStandardTables.DcChrominanceCounts, JpegStandardTables.DcChrominanceValues) };
        var ac = new[] { new JpegHuffmanEncoder(JpegStandardTables.AcLuminanceCounts, JpegStandardTables.AcLuminanceValues),
                         new JpegHuffmanEncoder(JpegStandardTables.AcChrominanceCounts, JpegStandardTables.AcChrominanceValues) };

        WriteHeaders(output, image.Width, image.Height, planes.Length, hmax, quant, dc, ac, options.IccProfile);
        var writer = new JpegBitWriter(output);
        var predictors = new int[planes.Length];
        var block = new float[64];
        var coefficients = new int[64];
        for (int my = 0; my < mcusY; my++)
            for (int mx = 0; mx < mcusX; mx++)
                for (int c = 0; c < planes.Length; c++)
                {
                    int blocks = c == 0 ? hmax : 1, stride = c == 0 ? mcusX * mcuSide : mcusX * 8;
                    int table = c == 0 ? 0 : 1;
                    for (int by = 0; by < blocks; by++)
                        for (int bx = 0; bx < blocks; bx++)
                        {
                            int x0 = (mx * blocks + bx) * 8, y0 = (my * blocks + by) * 8;
                            for (int y = 0; y < 8; y++)
                                Array.Copy(planes[c], (y0 + y) * stride + x0, block, y * 8, 8);
                            ForwardDct(block);
                            for (int k = 0; k < 64; k++)
                                coefficients[k] = (int)MathF.Round(block[k] / quant[table][k]);
                            EncodeBlock(writer, coefficients, ref predictors[c], dc[table], ac[table]);
                        }
                }
        writer.Finish();
        output.Write([0xFF, 0xD9]);
    }

    /// <summary>Level-shifted Y (and Cb, Cr) planes of the padded size, edges replicated, 8-bit range.</summary>
    private static float[][] ToYCbCr(Image image, bool color, int width, int height)
    {
        var planes = new float[color ? 3 : 1][];
        for (int c = 0; c < planes.Length; c++) planes[c] = new float[width * height];
        float scale = image.BitDepth == 16 ? 255f / 65535f : 1f;
        Func<int, int> s = image.GetSample;
        for (int y = 0; y < height; y++)
        {
            int sy = Math.Min(y, image.Height - 1);
            for (int x = 0; x < width; x++)
            {
                int i = (sy * image.Width + Math.Min(x, image.Width - 1)) * image.Channels, o = y * width + x;
                if (!color)
                {
                    planes[0][o] = MathF.Round(s(i) * scale) - 128f;
                    continue;
                }
                float r = MathF.Round(s(i) * scale), g = MathF.Round(s(i + 1) * scale), b = MathF.Round(s(i + 2) * scale);
                planes[0][o] = 0.299f * r + 0.587f * g + 0.114f * b - 128f;
                planes[1][o] = -0.168736f * r - 0.331264f * g + 0.5f * b;
                planes[2][o] = 0.5f * r - 0.418688f * g - 0.081312f * b;
            }
        }
        return planes;
    }

    /// <summary>2x2 box average (the chroma of 4:2:0, centred between the luma samples as JFIF places it).</summary>
    private static float[] Halve(float[] plane, int width, int height)
    {
        int w = width / 2, h = height / 2;
        var result = new float[w * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                int i = 2 * y * width + 2 * x;
                result[y * w + x] = 0.25f * (plane[i] + plane[i + 1] + plane[i + width] + plane[i + width + 1]);
            }
        return result;
    }

    /// <summary>The 2-D DCT-II of T.81 A.3.3, separable, in place (natural order).</summary>
    internal static void ForwardDct(Span<float> block)
    {
        Span<float> temp = stackalloc float[64];
        for (int y = 0; y < 8; y++)
            for (int u = 0; u < 8; u++)
            {
                float sum = 0;
                for (int x = 0; x < 8; x++) sum += Cosines[u * 8 + x] * block[y * 8 + x];
                temp[y * 8 + u] = sum;
            }
        for (int u = 0; u < 8; u++)
            for (int v = 0; v < 8; v++)
            {
                float sum = 0;
                for (int y = 0; y < 8; y++) sum += Cosines[v * 8 + y] * temp[y * 8 + u];
                block[v * 8 + u] = sum;
            }
    }

    private static float[] CreateCosines()
    {
        var table = new float[64];
        for (int u = 0; u < 8; u++)
            for (int x = 0; x < 8; x++)
                table[u * 8 + x] = (float)((u == 0 ? Math.Sqrt(0.5) : 1) / 2 * Math.Cos((2 * x + 1) * u * Math.PI / 16));
        return table;
    }

    private static void EncodeBlock(JpegBitWriter writer, int[] coefficients, ref int predictor, JpegHuffmanEncoder dc, JpegHuffmanEncoder ac)
    {
        var zigZag = JpegStandardTables.ZigZag;
        int diff = coefficients[0] - predictor;
        predictor = coefficients[0];
        int size = Category(diff);
        dc.Write(writer, size);
        if (size > 0) writer.Write(Magnitude(diff, size), size);
        int run = 0;
        for (int k = 1; k < 64; k++)
        {
            int value = coefficients[zigZag[k]];
            if (value == 0)
            {
                run++;
                continue;
            }
            for (; run >= 16; run -= 16) ac.Write(writer, 0xF0);
            size = Category(value);
            ac.Write(writer, run << 4 | size);
            writer.Write(Magnitude(value, size), size);
            run = 0;
        }
        if (run > 0) ac.Write(writer, 0x00);
    }

    private static int Category(int value)
    {
        uint magnitude = (uint)Math.Abs(value);
        return magnitude == 0 ? 0 : 32 - System.Numerics.BitOperations.LeadingZeroCount(magnitude);
    }

    private static int Magnitude(int value, int size) => value >= 0 ? value : value + (1 << size) - 1;

    private static void WriteHeaders(Stream output, int width, int height, int components, int hmax, byte[][] quant,
        JpegHuffmanEncoder[] dc, JpegHuffmanEncoder[] ac, byte[]? icc)
    {
        output.Write([0xFF, 0xD8]);
        WriteSegment(output, 0xE0, [(byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
        if (icc is { Length: > 0 }) WriteIcc(output, icc);
        var dqt = new List<byte>();
        for (int t = 0; t < (components == 3 ? 2 : 1); t++)
        {
            dqt.Add((byte)t);
            foreach (var k in JpegStandardTables.ZigZag) dqt.Add(quant[t][k]);
        }
        WriteSegment(output, 0xDB, dqt.ToArray());
        var sof = new List<byte> { 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, (byte)components };
        for (int c = 0; c < components; c++)
            sof.AddRange([(byte)(c + 1), (byte)(c == 0 ? hmax << 4 | hmax : 0x11), (byte)(c == 0 ? 0 : 1)]);
        WriteSegment(output, 0xC0, sof.ToArray());
        var dht = new List<byte>();
        for (int t = 0; t < (components == 3 ? 2 : 1); t++)
        {
            dht.Add((byte)t);
            dht.AddRange(dc[t].Counts);
            dht.AddRange(dc[t].Values);
            dht.Add((byte)(0x10 | t));
            dht.AddRange(ac[t].Counts);
            dht.AddRange(ac[t].Values);
        }
        WriteSegment(output, 0xC4, dht.ToArray());
        var sos = new List<byte> { (byte)components };
        for (int c = 0; c < components; c++) sos.AddRange([(byte)(c + 1), (byte)(c == 0 ? 0x00 : 0x11)]);
        sos.AddRange([0, 63, 0]);
        WriteSegment(output, 0xDA, sos.ToArray());
    }

    private static void WriteIcc(Stream output, byte[] icc)
    {
        int chunks = (icc.Length + JpegEncoderOptions.IccChunk - 1) / JpegEncoderOptions.IccChunk;
        for (int i = 0; i < chunks; i++)
        {
            int offset = i * JpegEncoderOptions.IccChunk, length = Math.Min(JpegEncoderOptions.IccChunk, icc.Length - offset);
            var body = new byte[14 + length];
            "ICC_PROFILE\0"u8.CopyTo(body);
            body[12] = (byte)(i + 1);
            body[13] = (byte)chunks;
            icc.AsSpan(offset, length).CopyTo(body.AsSpan(14));
            WriteSegment(output, 0xE2, body);
        }
    }

    private static void WriteSegment(Stream output, byte marker, ReadOnlySpan<byte> body)
    {
        Span<byte> header = [0xFF, marker, 0, 0];
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)(body.Length + 2));
        output.Write(header);
        output.Write(body);
    }
}
