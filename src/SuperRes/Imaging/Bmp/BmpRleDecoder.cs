namespace SuperRes.Imaging.Bmp;

/// <summary>
/// Expands BI_RLE8 / BI_RLE4 pixel data into palette indices, one byte per pixel, top row first.
/// Encoded runs (RLE4: two alternating nibbles) are clipped at the row's end; absolute runs are padded
/// to a 16-bit boundary; end-of-line, end-of-bitmap and delta escapes move the position; pixels never
/// written are index 0, as Pillow and Windows leave them. Data that ends before the end-of-bitmap
/// escape is a truncated file.
/// </summary>
internal static class BmpRleDecoder
{
    public static byte[] Expand(ReadOnlySpan<byte> data, int width, int height, bool rle4, bool topDown)
    {
        var indices = new byte[(long)width * height];
        int x = 0, y = 0; // y counts rows in file order (bottom-up unless topDown)
        int pos = 0;
        while (true)
        {
            if (pos + 2 > data.Length) throw new ImageFormatException("truncated file (RLE data ends before the end-of-bitmap code)");
            int count = data[pos], value = data[pos + 1];
            pos += 2;
            if (count > 0)
            {
                for (int i = 0; i < count && x < width; i++, x++)
                    Put(indices, width, height, topDown, x, y, rle4 ? (i % 2 == 0 ? value >> 4 : value & 15) : value);
                continue;
            }
            switch (value)
            {
                case 0: // end of line
                    x = 0;
                    y++;
                    break;
                case 1: // end of bitmap
                    return indices;
                case 2: // delta: right, then up (further rows in file order)
                    if (pos + 2 > data.Length) throw new ImageFormatException("truncated file (RLE delta)");
                    x += data[pos];
                    y += data[pos + 1];
                    pos += 2;
                    break;
                default: // absolute run of `value` indices
                    int bytes = rle4 ? (value + 1) / 2 : value;
                    if (pos + bytes > data.Length) throw new ImageFormatException("truncated file (RLE absolute run)");
                    for (int i = 0; i < value; i++, x++)
                    {
                        int index = rle4 ? (i % 2 == 0 ? data[pos + i / 2] >> 4 : data[pos + i / 2] & 15) : data[pos + i];
                        if (x < width) Put(indices, width, height, topDown, x, y, index);
                    }
                    pos += (bytes + 1) & ~1;
                    break;
            }
            if (y >= height) return indices; // past the last row: nothing more can be written
        }
    }

    private static void Put(byte[] indices, int width, int height, bool topDown, int x, int y, int index)
    {
        if (y >= height) return;
        int row = topDown ? y : height - 1 - y;
        indices[(long)row * width + x] = (byte)index;
    }
}
