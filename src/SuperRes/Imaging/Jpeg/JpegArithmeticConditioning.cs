namespace SuperRes.Imaging.Jpeg;

/// <summary>
/// Arithmetic-coding conditioning tables from DAC segments (T.81 B.2.4.3), per table index 0-3:
/// for DC the bounds L and U of the difference classes, for AC the split Kx of the magnitude contexts.
/// Defaults (no DAC): L = 0, U = 1, Kx = 5.
/// </summary>
internal sealed class JpegArithmeticConditioning
{
    public int[] DcLower { get; } = [0, 0, 0, 0];
    public int[] DcUpper { get; } = [1, 1, 1, 1];
    public int[] AcKx { get; } = [5, 5, 5, 5];

    /// <summary>Reads a DAC segment's body.</summary>
    public void Read(ReadOnlySpan<byte> body)
    {
        if (body.Length % 2 != 0) throw new ImageFormatException("bad DAC segment (odd length)");
        for (; body.Length > 0; body = body[2..])
        {
            int tc = body[0] >> 4, tb = body[0] & 15, cs = body[1];
            if (tc > 1 || tb > 3) throw new ImageFormatException("bad DAC segment (table class or index)");
            if (tc == 0)
            {
                int lower = cs & 15, upper = cs >> 4;
                if (lower > upper) throw new ImageFormatException($"bad DAC segment (DC conditioning L={lower} > U={upper})");
                DcLower[tb] = lower;
                DcUpper[tb] = upper;
            }
            else
            {
                if (cs is < 1 or > 63) throw new ImageFormatException($"bad DAC segment (AC conditioning Kx={cs})");
                AcKx[tb] = cs;
            }
        }
    }
}
