namespace SuperRes.Imaging.Jpeg;

/// <summary>
/// Upsamples chroma and converts YCbCr to RGB the way libjpeg-turbo does by default: "fancy"
/// (triangle filter) upsampling for 2x1, 2x2 and 1x2 subsampling, replication for other integer
/// factors, and the fixed-point (16-bit fraction) JFIF conversion.
/// </summary>
internal static class JpegColorConverter
{
    private const int ScaleBits = 16;
    private const int OneHalf = 1 << (ScaleBits - 1);
    private static readonly int[] CrToR = new int[256], CbToB = new int[256], CrToG = new int[256], CbToG = new int[256];

    static JpegColorConverter()
    {
        static int Fix(double x) => (int)(x * (1 << ScaleBits) + 0.5);
        for (int i = 0; i < 256; i++)
        {
            int x = i - 128;
            CrToR[i] = (Fix(1.40200) * x + OneHalf) >> ScaleBits;
            CbToB[i] = (Fix(1.77200) * x + OneHalf) >> ScaleBits;
            CrToG[i] = -Fix(0.71414) * x;
            CbToG[i] = -Fix(0.34414) * x + OneHalf;
        }
    }

    public static Image Convert(JpegComponent[] components, int width, int height, bool isRgb)
    {
        int channels = components.Length;
        var image = new Image(width, height, channels, 8);
        var samples = image.Samples8;
        int hMax = components.Max(c => c.H), vMax = components.Max(c => c.V);
        var rows = components.Select(c => new byte[Math.Max(width, c.Width * (hMax / c.H)) + 1]).ToArray();
        for (int y = 0; y < height; y++)
        {
            for (int i = 0; i < channels; i++) UpsampleRow(components[i], y, hMax / components[i].H, vMax / components[i].V, rows[i]);
            var dst = samples.Slice(y * width * channels, width * channels);
            if (channels == 1)
            {
                var gray = rows[0];
                for (int x = 0; x < width; x++) dst[x] = gray[x];
            }
            else if (isRgb)
            {
                for (int x = 0; x < width; x++)
                {
                    dst[3 * x] = rows[0][x];
                    dst[3 * x + 1] = rows[1][x];
                    dst[3 * x + 2] = rows[2][x];
                }
            }
            else
            {
                YCbCrToRgb(rows[0], rows[1], rows[2], dst, width);
            }
        }
        return image;
    }

    private static void YCbCrToRgb(ReadOnlySpan<byte> yRow, ReadOnlySpan<byte> cbRow, ReadOnlySpan<byte> crRow, Span<byte> dst, int width)
    {
        for (int x = 0; x < width; x++)
        {
            int yy = yRow[x], cb = cbRow[x], cr = crRow[x];
            dst[3 * x] = Clamp(yy + CrToR[cr]);
            dst[3 * x + 1] = Clamp(yy + ((CbToG[cb] + CrToG[cr]) >> ScaleBits));
            dst[3 * x + 2] = Clamp(yy + CbToB[cb]);
        }
    }

    private static byte Clamp(int v) => (byte)Math.Clamp(v, 0, 255);

    /// <summary>Produces full-resolution row <paramref name="y"/> of a component into <paramref name="dst"/>.</summary>
    private static void UpsampleRow(JpegComponent c, int y, int fx, int fy, Span<byte> dst)
    {
        int stride = c.Stride, w = c.Width;
        var plane = c.Samples.AsSpan();
        int cy = y / fy;
        var row = plane.Slice(cy * stride, w);
        if (fx == 1 && fy == 1)
        {
            row.CopyTo(dst);
        }
        else if (fx == 2 && fy == 1)
        {
            if (w == 1) { dst[0] = dst[1] = row[0]; return; }
            dst[0] = row[0];
            dst[1] = (byte)((row[0] * 3 + row[1] + 2) >> 2);
            for (int x = 1; x < w - 1; x++)
            {
                int v = row[x] * 3;
                dst[2 * x] = (byte)((v + row[x - 1] + 1) >> 2);
                dst[2 * x + 1] = (byte)((v + row[x + 1] + 2) >> 2);
            }
            dst[2 * w - 2] = (byte)((row[w - 1] * 3 + row[w - 2] + 1) >> 2);
            dst[2 * w - 1] = row[w - 1];
        }
        else if (fy == 2 && fx is 1 or 2)
        {
            // The nearer neighbouring row (above for even output rows, below for odd), edge replicated.
            bool upper = (y & 1) == 0;
            int ny = Math.Clamp(upper ? cy - 1 : cy + 1, 0, c.Height - 1);
            var near = plane.Slice(ny * stride, w);
            if (fx == 1)
            {
                int bias = upper ? 1 : 2;
                for (int x = 0; x < w; x++) dst[x] = (byte)((row[x] * 3 + near[x] + bias) >> 2);
                return;
            }
            int thisSum = row[0] * 3 + near[0];
            if (w == 1) { dst[0] = dst[1] = (byte)((thisSum * 4 + 8) >> 4); return; }
            int nextSum = row[1] * 3 + near[1];
            dst[0] = (byte)((thisSum * 4 + 8) >> 4);
            dst[1] = (byte)((thisSum * 3 + nextSum + 7) >> 4);
            int lastSum = thisSum;
            thisSum = nextSum;
            for (int x = 1; x < w - 1; x++)
            {
                nextSum = row[x + 1] * 3 + near[x + 1];
                dst[2 * x] = (byte)((thisSum * 3 + lastSum + 8) >> 4);
                dst[2 * x + 1] = (byte)((thisSum * 3 + nextSum + 7) >> 4);
                lastSum = thisSum;
                thisSum = nextSum;
            }
            dst[2 * w - 2] = (byte)((thisSum * 3 + lastSum + 8) >> 4);
            dst[2 * w - 1] = (byte)((thisSum * 4 + 7) >> 4);
        }
        else
        {
            for (int x = 0; x < w; x++) dst.Slice(x * fx, fx).Fill(row[x]);
        }
    }
}
