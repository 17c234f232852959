namespace SuperRes.Tensors.Kernels.Simd;

/// <summary>
/// The four-way shuffles built from a width's two-way ones through a small stack buffer: the path of
/// widths (and CPUs) without a single-instruction way to do them.
/// </summary>
internal static unsafe class PortableShuffles<TVector, TOps>
    where TVector : struct
    where TOps : struct, ISimdWidth<TVector>
{
    /// <summary>Stores a0 b0 c0 d0 a1 b1 ...: (a, b) and (c, d) interleaved, then their pairs (8 bytes each).</summary>
    public static void StoreInterleaved4(float* p, TVector a, TVector b, TVector c, TVector d)
    {
        int w = TOps.Count;
        float* ab = stackalloc float[2 * 16], cd = stackalloc float[2 * 16];
        TOps.StoreInterleaved(ab, a, b);
        TOps.StoreInterleaved(cd, c, d);
        for (int i = 0; i < w; i++)
        {
            ((long*)p)[2 * i] = ((long*)ab)[i];
            ((long*)p)[2 * i + 1] = ((long*)cd)[i];
        }
    }

    /// <summary>Splits 4 x Count floats by position modulo 4: even and odd positions, then even and odd of those.</summary>
    public static void LoadDeinterleaved4(float* p, out TVector p0, out TVector p1, out TVector p2, out TVector p3)
    {
        int w = TOps.Count;
        float* split = stackalloc float[4 * 16];
        TOps.LoadDeinterleaved(p, out var evenLow, out var oddLow);
        TOps.LoadDeinterleaved(p + 2 * w, out var evenHigh, out var oddHigh);
        TOps.Store(split, evenLow);
        TOps.Store(split + w, evenHigh);
        TOps.Store(split + 2 * w, oddLow);
        TOps.Store(split + 3 * w, oddHigh);
        TOps.LoadDeinterleaved(split, out p0, out p2);
        TOps.LoadDeinterleaved(split + 2 * w, out p1, out p3);
    }
}
