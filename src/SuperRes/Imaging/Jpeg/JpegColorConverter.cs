namespace SuperRes.Imaging.Jpeg;

/// <summary>
/// Upsamples chroma and converts YCbCr to RGB the way libjpeg-turbo does by default: "fancy"
/// (triangle filter) upsampling for 2x1, 2x2 and 1x2 subsampling, replication for other integer
/// factors, and the fixed-point (16-bit fraction) JFIF conversion, for 8- and 12-bit samples.
/// </summary>
internal static class JpegColorConverter
{
    private const int ScaleBits = 16;
    private const int OneHalf = 1 << (ScaleBits - 1);
    private static readonly ConversionTables Tables8 = new(8), Tables12 = new(12);

    /// <summary>
    /// Converts the components' sample planes (8-bit <see cref="JpegComponent.Samples"/> or 12-bit
    /// <see cref="JpegComponent.WideSamples"/>) to an image: 8-bit samples as they are, 12-bit ones
    /// scaled to 16 bits by round(v * 65535 / 4095), the scaling the PGM/PPM reader applies to maxval 4095.
    /// Four components (8-bit only) are CMYK, or YCCK when <paramref name="ycck"/>, and come out as RGB the
    /// way Pillow shows them: libjpeg's CMYK read with Adobe's inverted polarity, then Pillow's CMYK to RGB.
    /// </summary>
    public static Image Convert(JpegComponent[] components, int width, int height, bool isRgb, int precision, bool ycck = false)
    {
        int channels = Math.Min(components.Length, 3);
        var image = new Image(width, height, channels, precision == 8 ? 8 : 16);
        var dst = new ushort[width * channels]; // one output row, stored into the image's 8- or 16-bit samples when done
        var tables = precision == 8 ? Tables8 : Tables12;
        int hMax = components.Max(c => c.H), vMax = components.Max(c => c.V);
        var rows = components.Select(c => new int[Math.Max(width, c.Width * (hMax / c.H)) + 1]).ToArray();
        int widest = components.Max(c => c.Width);
        var source = new int[widest];
        var near = new int[widest];
        Span<int> rgb = stackalloc int[3];
        for (int y = 0; y < height; y++)
        {
            for (int i = 0; i < components.Length; i++) UpsampleRow(components[i], y, hMax / components[i].H, vMax / components[i].V, rows[i], source, near);
            for (int x = 0; x < width; x++)
            {
                if (channels == 1)
                {
                    dst[x] = tables.Output(rows[0][x]);
                    continue;
                }
                if (components.Length == 4)
                {
                    CmykToRgb(rows[0][x], rows[1][x], rows[2][x], rows[3][x], ycck, rgb);
                }
                else if (isRgb)
                {
                    rgb[0] = rows[0][x];
                    rgb[1] = rows[1][x];
                    rgb[2] = rows[2][x];
                }
                else
                {
                    tables.ToRgb(rows[0][x], rows[1][x], rows[2][x], rgb);
                }
                dst[3 * x] = tables.Output(rgb[0]);
                dst[3 * x + 1] = tables.Output(rgb[1]);
                dst[3 * x + 2] = tables.Output(rgb[2]);
            }
            StoreRow(image, y, dst);
        }
        return image;
    }

    private static void StoreRow(Image image, int y, ushort[] row)
    {
        int offset = y * row.Length;
        if (image.BitDepth == 16)
        {
            row.CopyTo(image.Samples16.Slice(offset, row.Length));
            return;
        }
        var target = image.Samples8.Slice(offset, row.Length);
        for (int i = 0; i < row.Length; i++) target[i] = (byte)row[i];
    }

    /// <summary>
    /// One CMYK (or YCCK) sample as RGB: libjpeg turns YCCK into CMYK (C = 255 - R of the YCbCr
    /// conversion, K kept); Pillow reads the CMYK inverted (Adobe polarity) and converts with
    /// R = (255 - K') - (C' * (255 - K') / 255 rounded), where C' = 255 - C, K' = 255 - K.
    /// </summary>
    private static void CmykToRgb(int c, int m, int y, int k, bool ycck, Span<int> rgb)
    {
        if (ycck)
        {
            Tables8.ToRgb(c, m, y, rgb);
            (c, m, y) = (255 - rgb[0], 255 - rgb[1], 255 - rgb[2]);
        }
        rgb[0] = InvertedCmykChannel(c, k);
        rgb[1] = InvertedCmykChannel(m, k);
        rgb[2] = InvertedCmykChannel(y, k);
    }

    private static int InvertedCmykChannel(int stored, int storedK)
    {
        int t = (255 - stored) * storedK + 128; // Pillow's MULDIV255 of the inverted ink and 255 - K' = storedK
        return Math.Clamp(storedK - ((t + (t >> 8)) >> 8), 0, 255);
    }

    /// <summary>libjpeg's fixed-point YCbCr-to-RGB tables for one sample precision.</summary>
    private sealed class ConversionTables
    {
        private readonly int[] _crToR, _cbToB, _crToG, _cbToG;
        private readonly int _max;

        public ConversionTables(int precision)
        {
            static int Fix(double x) => (int)(x * (1 << ScaleBits) + 0.5);
            int size = 1 << precision, center = size / 2;
            _max = size - 1;
            (_crToR, _cbToB, _crToG, _cbToG) = (new int[size], new int[size], new int[size], new int[size]);
            for (int i = 0; i < size; i++)
            {
                int x = i - center;
                _crToR[i] = (Fix(1.40200) * x + OneHalf) >> ScaleBits;
                _cbToB[i] = (Fix(1.77200) * x + OneHalf) >> ScaleBits;
                _crToG[i] = -Fix(0.71414) * x;
                _cbToG[i] = -Fix(0.34414) * x + OneHalf;
            }
        }

        public void ToRgb(int y, int cb, int cr, Span<int> rgb)
        {
            rgb[0] = Math.Clamp(y + _crToR[cr], 0, _max);
            rgb[1] = Math.Clamp(y + ((_cbToG[cb] + _crToG[cr]) >> ScaleBits), 0, _max);
            rgb[2] = Math.Clamp(y + _cbToB[cb], 0, _max);
        }

        /// <summary>A sample as stored in the image: 8-bit as is, 12-bit scaled to 16 bits.</summary>
        public ushort Output(int v) => _max == 255 ? (ushort)v : (ushort)((v * 65535 + 2047) / 4095);
    }

    /// <summary>Copies row <paramref name="y"/> of a component's plane into <paramref name="dst"/>.</summary>
    private static void LoadRow(JpegComponent c, int y, Span<int> dst)
    {
        int offset = y * c.Stride;
        if (c.WideSamples.Length > 0)
        {
            var row = c.WideSamples.AsSpan(offset, c.Width);
            for (int x = 0; x < row.Length; x++) dst[x] = row[x];
        }
        else
        {
            var row = c.Samples.AsSpan(offset, c.Width);
            for (int x = 0; x < row.Length; x++) dst[x] = row[x];
        }
    }

    /// <summary>Produces full-resolution row <paramref name="y"/> of a component into <paramref name="dst"/>.</summary>
    private static void UpsampleRow(JpegComponent c, int y, int fx, int fy, Span<int> dst, int[] source, int[] nearRow)
    {
        int w = c.Width;
        int cy = y / fy;
        Span<int> row = source.AsSpan(0, w);
        LoadRow(c, cy, row);
        if (fx == 1 && fy == 1)
        {
            row.CopyTo(dst);
        }
        else if (fx == 2 && fy == 1)
        {
            if (w == 1) { dst[0] = dst[1] = row[0]; return; }
            dst[0] = row[0];
            dst[1] = (row[0] * 3 + row[1] + 2) >> 2;
            for (int x = 1; x < w - 1; x++)
            {
                int v = row[x] * 3;
                dst[2 * x] = (v + row[x - 1] + 1) >> 2;
                dst[2 * x + 1] = (v + row[x + 1] + 2) >> 2;
            }
            dst[2 * w - 2] = (row[w - 1] * 3 + row[w - 2] + 1) >> 2;
            dst[2 * w - 1] = row[w - 1];
        }
        else if (fy == 2 && fx is 1 or 2)
        {
            // The nearer neighbouring row (above for even output rows, below for odd), edge replicated.
            bool upper = (y & 1) == 0;
            int ny = Math.Clamp(upper ? cy - 1 : cy + 1, 0, c.Height - 1);
            Span<int> near = nearRow.AsSpan(0, w);
            LoadRow(c, ny, near);
            if (fx == 1)
            {
                int bias = upper ? 1 : 2;
                for (int x = 0; x < w; x++) dst[x] = (row[x] * 3 + near[x] + bias) >> 2;
                return;
            }
            int thisSum = row[0] * 3 + near[0];
            if (w == 1) { dst[0] = dst[1] = (thisSum * 4 + 8) >> 4; return; }
            int nextSum = row[1] * 3 + near[1];
            dst[0] = (thisSum * 4 + 8) >> 4;
            dst[1] = (thisSum * 3 + nextSum + 7) >> 4;
            int lastSum = thisSum;
            thisSum = nextSum;
            for (int x = 1; x < w - 1; x++)
            {
                nextSum = row[x + 1] * 3 + near[x + 1];
                dst[2 * x] = (thisSum * 3 + lastSum + 8) >> 4;
                dst[2 * x + 1] = (thisSum * 3 + nextSum + 7) >> 4;
                lastSum = thisSum;
                thisSum = nextSum;
            }
            dst[2 * w - 2] = (thisSum * 3 + lastSum + 8) >> 4;
            dst[2 * w - 1] = (thisSum * 4 + 7) >> 4;
        }
        else
        {
            for (int x = 0; x < w; x++) dst.Slice(x * fx, fx).Fill(row[x]);
        }
    }
}
