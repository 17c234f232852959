using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SuperRes.Tensors.Kernels.Simd;

/// <summary>Vector512: 16 floats a vector.</summary>
internal readonly unsafe struct Simd512 : ISimdWidth<Vector512<float>>
{
    public static int Count => Vector512<float>.Count;
    public static bool IsHardwareAccelerated => Vector512.IsHardwareAccelerated;
    public static Vector512<float> Zero => Vector512<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(float* p) => Vector512.Load(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* p, Vector512<float> v) => v.Store(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Splat(float x) => Vector512.Create(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c)
        => Vector512.MultiplyAddEstimate(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector512<float> v) => Vector512.Sum(v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LeakyRelu(Vector512<float> x, Vector512<float> slope) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), x, x * slope);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(float* p, Vector512<float> a, Vector512<float> b)
    {
        if (Avx512F.IsSupported)
        {
            // vpermt2ps picks from the 32 lanes of (a, b): two permutes instead of four half-width unpacks.
            Avx512F.PermuteVar16x32x2(a, Vector512.Create(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), b).Store(p);
            Avx512F.PermuteVar16x32x2(a, Vector512.Create(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31), b).Store(p + 16);
            return;
        }
        Simd256.StoreInterleaved(p, a.GetLower(), b.GetLower());
        Simd256.StoreInterleaved(p + 16, a.GetUpper(), b.GetUpper());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LoadDeinterleaved(float* p, out Vector512<float> even, out Vector512<float> odd)
    {
        if (Avx512F.IsSupported)
        {
            Vector512<float> low = Vector512.Load(p), high = Vector512.Load(p + 16);
            even = Avx512F.PermuteVar16x32x2(low, Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30), high);
            odd = Avx512F.PermuteVar16x32x2(low, Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31), high);
            return;
        }
        Simd256.LoadDeinterleaved(p, out var evenLow, out var oddLow);
        Simd256.LoadDeinterleaved(p + 16, out var evenHigh, out var oddHigh);
        even = Vector512.Create(evenLow, evenHigh);
        odd = Vector512.Create(oddLow, oddHigh);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved4(float* p, Vector512<float> a, Vector512<float> b, Vector512<float> c, Vector512<float> d)
    {
        if (Avx512F.IsSupported)
        {
            // Pairs (a_i, b_i) and (c_i, d_i), then pairs of pairs: six two-source permutes for 64 floats.
            Vector512<int> low = Vector512.Create(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
            Vector512<int> high = Vector512.Create(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
            Vector512<float> abLow = Avx512F.PermuteVar16x32x2(a, low, b), abHigh = Avx512F.PermuteVar16x32x2(a, high, b);
            Vector512<float> cdLow = Avx512F.PermuteVar16x32x2(c, low, d), cdHigh = Avx512F.PermuteVar16x32x2(c, high, d);
            Vector512<int> first = Vector512.Create(0, 1, 16, 17, 2, 3, 18, 19, 4, 5, 20, 21, 6, 7, 22, 23);
            Vector512<int> second = Vector512.Create(8, 9, 24, 25, 10, 11, 26, 27, 12, 13, 28, 29, 14, 15, 30, 31);
            Avx512F.PermuteVar16x32x2(abLow, first, cdLow).Store(p);
            Avx512F.PermuteVar16x32x2(abLow, second, cdLow).Store(p + 16);
            Avx512F.PermuteVar16x32x2(abHigh, first, cdHigh).Store(p + 32);
            Avx512F.PermuteVar16x32x2(abHigh, second, cdHigh).Store(p + 48);
            return;
        }
        PortableShuffles<Vector512<float>, Simd512>.StoreInterleaved4(p, a, b, c, d);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LoadDeinterleaved4(float* p, out Vector512<float> p0, out Vector512<float> p1, out Vector512<float> p2, out Vector512<float> p3)
    {
        if (!Avx512F.IsSupported)
        {
            PortableShuffles<Vector512<float>, Simd512>.LoadDeinterleaved4(p, out p0, out p1, out p2, out p3);
            return;
        }
        // Even and odd positions of each half, then even and odd of those: positions 4k, 4k + 2 and 4k + 1, 4k + 3.
        Vector512<int> even = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
        Vector512<int> odd = Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
        Vector512<float> v0 = Vector512.Load(p), v1 = Vector512.Load(p + 16), v2 = Vector512.Load(p + 32), v3 = Vector512.Load(p + 48);
        Vector512<float> evenLow = Avx512F.PermuteVar16x32x2(v0, even, v1), oddLow = Avx512F.PermuteVar16x32x2(v0, odd, v1);
        Vector512<float> evenHigh = Avx512F.PermuteVar16x32x2(v2, even, v3), oddHigh = Avx512F.PermuteVar16x32x2(v2, odd, v3);
        p0 = Avx512F.PermuteVar16x32x2(evenLow, even, evenHigh);
        p2 = Avx512F.PermuteVar16x32x2(evenLow, odd, evenHigh);
        p1 = Avx512F.PermuteVar16x32x2(oddLow, even, oddHigh);
        p3 = Avx512F.PermuteVar16x32x2(oddLow, odd, oddHigh);
    }
}
