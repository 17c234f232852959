namespace SuperRes.Imaging.Jpeg;

/// <summary>
/// Accurate integer inverse DCT (the Loeffler-Ligtenberg-Moschytz factorisation with 13-bit constants
/// and 2 extra bits between passes, as libjpeg's "islow"), so results match djpeg's default exactly.
/// </summary>
internal static class JpegIdct
{
    private const int ConstBits = 13;
    private const int Pass1Bits = 2;
    private const int Fix0298631336 = 2446, Fix0390180644 = 3196, Fix0541196100 = 4433, Fix0765366865 = 6270;
    private const int Fix0899976223 = 7373, Fix1175875602 = 9633, Fix1501321110 = 12299, Fix1847759065 = 15137;
    private const int Fix1961570560 = 16069, Fix2053119869 = 16819, Fix2562915447 = 20995, Fix3072711026 = 25172;

    /// <summary>Dequantises and transforms one block into 8x8 samples at <paramref name="output"/> with the given stride.</summary>
    public static void Transform(ReadOnlySpan<short> coefficients, ReadOnlySpan<ushort> quant, Span<byte> output, int stride)
    {
        Span<int> ws = stackalloc int[64];
        for (int c = 0; c < 8; c++)
        {
            if (coefficients[8 + c] == 0 && coefficients[16 + c] == 0 && coefficients[24 + c] == 0 && coefficients[32 + c] == 0
                && coefficients[40 + c] == 0 && coefficients[48 + c] == 0 && coefficients[56 + c] == 0)
            {
                int dc = coefficients[c] * quant[c] << Pass1Bits;
                for (int r = 0; r < 8; r++) ws[r * 8 + c] = dc;
                continue;
            }
            Butterfly(
                coefficients[c] * quant[c], coefficients[8 + c] * quant[8 + c], coefficients[16 + c] * quant[16 + c],
                coefficients[24 + c] * quant[24 + c], coefficients[32 + c] * quant[32 + c], coefficients[40 + c] * quant[40 + c],
                coefficients[48 + c] * quant[48 + c], coefficients[56 + c] * quant[56 + c],
                out var o0, out var o1, out var o2, out var o3, out var o4, out var o5, out var o6, out var o7);
            const int Shift = ConstBits - Pass1Bits;
            const int Round = 1 << (Shift - 1);
            ws[c] = (int)((o0 + Round) >> Shift); ws[8 + c] = (int)((o1 + Round) >> Shift);
            ws[16 + c] = (int)((o2 + Round) >> Shift); ws[24 + c] = (int)((o3 + Round) >> Shift);
            ws[32 + c] = (int)((o4 + Round) >> Shift); ws[40 + c] = (int)((o5 + Round) >> Shift);
            ws[48 + c] = (int)((o6 + Round) >> Shift); ws[56 + c] = (int)((o7 + Round) >> Shift);
        }
        for (int r = 0; r < 8; r++)
        {
            var row = ws.Slice(r * 8, 8);
            var dst = output.Slice(r * stride, 8);
            // The rounding for the final shift is folded into the DC term, as in libjpeg-turbo.
            Butterfly(row[0] + (1 << (Pass1Bits + 2)), row[1], row[2], row[3], row[4], row[5], row[6], row[7],
                out var o0, out var o1, out var o2, out var o3, out var o4, out var o5, out var o6, out var o7);
            const int Shift = ConstBits + Pass1Bits + 3;
            dst[0] = Clamp(o0 >> Shift); dst[1] = Clamp(o1 >> Shift); dst[2] = Clamp(o2 >> Shift); dst[3] = Clamp(o3 >> Shift);
            dst[4] = Clamp(o4 >> Shift); dst[5] = Clamp(o5 >> Shift); dst[6] = Clamp(o6 >> Shift); dst[7] = Clamp(o7 >> Shift);
        }
    }

    private static byte Clamp(long v) => (byte)Math.Clamp(v + 128, 0, 255);

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
