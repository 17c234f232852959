using static SuperRes.Fuzz.FileBuilder;

namespace SuperRes.Fuzz;

/// <summary>
/// Valid files that make a decoder work hardest per input byte, to measure the time bound:
/// a progressive JPEG whose AC scans cover every block with a few end-of-band runs.
/// </summary>
public static class WorstCases
{
    /// <summary>
    /// The most scans <see cref="ProgressiveEobRuns"/> may hold: the DC scan plus 16 full-band AC scans
    /// cover the coefficients 16 times, the decoder's limit (JpegDecoder.MaxCoefficientPasses).
    /// </summary>
    public const int MostScans = 17;

    /// <summary>
    /// A <paramref name="size"/>x<paramref name="size"/> gray progressive JPEG: one DC scan (one bit per
    /// block), then AC scans (first one AC scan, then refinements) each made of
    /// end-of-band runs of 32767 blocks, a few bytes per scan. Every scan still visits every block.
    /// </summary>
    public static byte[] ProgressiveEobRuns(int size, int scans)
    {
        int blocks = (size + 7) / 8 * ((size + 7) / 8);
        // DC table: "0" = category 0. AC table: "0" = EOBRUN with 14 extra bits (symbol 0xE0).
        byte[] one = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        byte[] tables = Segment(0xC4, [0x00, .. one, 0x00, 0x10, .. one, 0xE0]);
        var parts = new List<byte[]> { Soi, QuantTable(), tables, StartOfFrame(size, size, 1, progressive: true) };
        parts.Add(StartOfScan(1, 0, 0, 0x00));
        parts.Add(new byte[(blocks + 7) / 8]); // DC first: one zero bit per block
        for (int s = 1; s < scans; s++)
        {
            // Scan 1: AC first (Ah=0, Al=1); later scans refine bit 0 (Ah=1, Al=0).
            parts.Add(StartOfScan(1, 1, 63, s == 1 ? 0x01 : 0x10));
            var writer = new BitWriter();
            for (int left = blocks; left > 0; left -= 32767)
            {
                int run = Math.Min(left, 32767);
                writer.Write(0, 1);
                writer.Write(run - (1 << 14), 14);
            }
            parts.Add(writer.ToArray());
        }
        parts.Add(Eoi);
        return Concat([.. parts]);
    }

    /// <summary>Writes bits MSB first, pads with ones and stuffs a zero after every 0xFF, as JPEG entropy coding does.</summary>
    private sealed class BitWriter
    {
        private readonly List<byte> _bytes = [];
        private int _acc, _bits;

        public void Write(int value, int count)
        {
            for (int i = count - 1; i >= 0; i--)
            {
                _acc = _acc << 1 | (value >> i & 1);
                if (++_bits == 8) Flush();
            }
        }

        public byte[] ToArray()
        {
            while (_bits != 0) Write(1, 1);
            return [.. _bytes];
        }

        private void Flush()
        {
            _bytes.Add((byte)_acc);
            if (_acc == 0xFF) _bytes.Add(0);
            _acc = _bits = 0;
        }
    }
}
