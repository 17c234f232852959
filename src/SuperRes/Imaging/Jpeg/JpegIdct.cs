namespace SuperRes.Imaging.Jpeg;

/// <summary>
/// Accurate integer inverse DCT (the Loeffler-Ligtenberg-Moschytz factorisation with 13-bit constants
/// and 2 extra bits between passes for 8-bit samples, 1 for 12-bit, as libjpeg's "islow"), so results match
/// djpeg's default exactly.
/// </summary>
internal static class JpegIdct
{
    private const int ConstBits = 13;
    private const int Pass1Bits8 = 2, Pass1Bits12 = 1;
    private const int Fix0298631336 = 2446, Fix0390180644 = 3196, Fix0541196100 = 4433, Fix0765366865 = 6270;
    private const int Fix0899976223 = 7373, Fix1175875602 = 9633, Fix1501321110 = 12299, Fix1847759065 = 15137;
    private const int Fix1961570560 = 16069, Fix2053119869 = 16819, Fix2562915447 = 20995, Fix3072711026 = 25172;

    /// <summary>Dequantises and transforms one 8-bit block into 8x8 samples at <paramref name="output"/> with the given stride.</summary>
    public static void Transform(ReadOnlySpan<short> coefficients, ReadOnlySpan<ushort> quant, Span<byte> output, int stride)
    {
        Span<int> ws = stackalloc int[64];
        Columns(coefficients, quant, ws, Pass1Bits8);
        Span<long> o = stackalloc long[8];
        for (int r = 0; r < 8; r++)
        {
            Row(ws.Slice(r * 8, 8), Pass1Bits8, o);
            var dst = output.Slice(r * stride, 8);
            for (int i = 0; i < 8; i++) dst[i] = (byte)Math.Clamp((o[i] >> (ConstBits + Pass1Bits8 + 3)) + 128, 0, 255);
        }
    }

    /// <summary>
    /// The 12-bit version (libjpeg's 12-bit islow: one extra bit between passes instead of two, output
    /// centred on 2048 and clamped to 0..4095).
    /// </summary>
    public static void Transform12(ReadOnlySpan<short> coefficients, ReadOnlySpan<ushort> quant, Span<ushort> output, int stride)
    {
        Span<int> ws = stackalloc int[64];
        Columns(coefficients, quant, ws, Pass1Bits12);
        Span<long> o = stackalloc long[8];
        for (int r = 0; r < 8; r++)
        {
            Row(ws.Slice(r * 8, 8), Pass1Bits12, o);
            var dst = output.Slice(r * stride, 8);
            for (int i = 0; i < 8; i++) dst[i] = (ushort)Math.Clamp((o[i] >> (ConstBits + Pass1Bits12 + 3)) + 2048, 0, 4095);
        }
    }

    /// <summary>Pass 1: dequantised columns into the workspace, scaled up by 2^<paramref name="pass1Bits"/>.</summary>
    private static void Columns(ReadOnlySpan<short> coefficients, ReadOnlySpan<ushort> quant, Span<int> ws, int pass1Bits)
    {
        for (int c = 0; c < 8; c++)
        {
            if (coefficients[8 + c] == 0 && coefficients[16 + c] == 0 && coefficients[24 + c] == 0 && coefficients[32 + c] == 0
                && coefficients[40 + c] == 0 && coefficients[48 + c] == 0 && coefficients[56 + c] == 0)
            {
                int dc = coefficients[c] * quant[c] << pass1Bits;
                for (int r = 0; r < 8; r++) ws[r * 8 + c] = dc;
                continue;
            }
            Butterfly(
                coefficients[c] * quant[c], coefficients[8 + c] * quant[8 + c], coefficients[16 + c] * quant[16 + c],
                coefficients[24 + c] * quant[24 + c], coefficients[32 + c] * quant[32 + c], coefficients[40 + c] * quant[40 + c],
                coefficients[48 + c] * quant[48 + c], coefficients[56 + c] * quant[56 + c],
                out var o0, out var o1, out var o2, out var o3, out var o4, out var o5, out var o6, out var o7);
            int shift = ConstBits - pass1Bits;
            long round = 1L << (shift - 1);
            ws[c] = (int)((o0 + round) >> shift); ws[8 + c] = (int)((o1 + round) >> shift);
            ws[16 + c] = (int)((o2 + round) >> shift); ws[24 + c] = (int)((o3 + round) >> shift);
            ws[32 + c] = (int)((o4 + round) >> shift); ws[40 + c] = (int)((o5 + round) >> shift);
            ws[48 + c] = (int)((o6 + round) >> shift); ws[56 + c] = (int)((o7 + round) >> shift);
        }
    }

    /// <summary>Pass 2 on one workspace row; the rounding for the final shift is folded into the DC term, as in libjpeg-turbo.</summary>
    private static void Row(ReadOnlySpan<int> row, int pass1Bits, Span<long> o)
    {
        Butterfly(row[0] + (1 << (pass1Bits + 2)), row[1], row[2], row[3], row[4], row[5], row[6], row[7],
            out o[0], out o[1], out o[2], out o[3], out o[4], out o[5], out o[6], out o[7]);
    }

    private static void Butterfly(long i0, long i1, long i2, long i3, long i4, long i5, long i6, long i7,
        out long o0, out long o1, out long o2, out long o3, out long o4, out long o5, out long o6, out long o7)
    {
        // Even part.
        long z1 = (i2 + i6) * Fix0541196100;
        long tmp2 = z1 - i6 * Fix1847759065;
        long tmp3 = z1 + i2 * Fix0765366865;
        long tmp0 = (i0 + i4) << ConstBits;
        long tmp1 = (i0 - i4) << ConstBits;
        long tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3, tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;

        // Odd part.
        tmp0 = i7; tmp1 = i5; tmp2 = i3; tmp3 = i1;
        z1 = tmp0 + tmp3;
        long z2 = tmp1 + tmp2, z3 = tmp0 + tmp2, z4 = tmp1 + tmp3;
        long z5 = (z3 + z4) * Fix1175875602;
        tmp0 *= Fix0298631336; tmp1 *= Fix2053119869; tmp2 *= Fix3072711026; tmp3 *= Fix1501321110;
        z1 *= -Fix0899976223; z2 *= -Fix2562915447; z3 *= -Fix1961570560; z4 *= -Fix0390180644;
        z3 += z5; z4 += z5;
        tmp0 += z1 + z3; tmp1 += z2 + z4; tmp2 += z2 + z3; tmp3 += z1 + z4;

        o0 = tmp10 + tmp3; o7 = tmp10 - tmp3;
        o1 = tmp11 + tmp2; o6 = tmp11 - tmp2;
        o2 = tmp12 + tmp1; o5 = tmp12 - tmp1;
        o3 = tmp13 + tmp0; o4 = tmp13 - tmp0;
    }
}
