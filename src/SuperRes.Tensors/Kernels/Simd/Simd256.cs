using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SuperRes.Tensors.Kernels.Simd;

/// <summary>Vector256: 8 floats a vector.</summary>
internal readonly unsafe struct Simd256 : ISimdWidth<Vector256<float>>
{
    public static int Count => Vector256<float>.Count;
    public static bool IsHardwareAccelerated => Vector256.IsHardwareAccelerated;
    public static Vector256<float> Zero => Vector256<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(float* p) => Vector256.Load(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* p, Vector256<float> v) => v.Store(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Splat(float x) => Vector256.Create(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c)
        => Vector256.MultiplyAddEstimate(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector256<float> v) => Vector256.Sum(v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LeakyRelu(Vector256<float> x, Vector256<float> slope) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), x, x * slope);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(float* p, Vector256<float> a, Vector256<float> b)
    {
        Simd128.StoreInterleaved(p, a.GetLower(), b.GetLower());
        Simd128.StoreInterleaved(p + 8, a.GetUpper(), b.GetUpper());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LoadDeinterleaved(float* p, out Vector256<float> even, out Vector256<float> odd)
    {
        Simd128.LoadDeinterleaved(p, out var evenLow, out var oddLow);
        Simd128.LoadDeinterleaved(p + 8, out var evenHigh, out var oddHigh);
        even = Vector256.Create(evenLow, evenHigh);
        odd = Vector256.Create(oddLow, oddHigh);
    }

    public static void StoreInterleaved4(float* p, Vector256<float> a, Vector256<float> b, Vector256<float> c, Vector256<float> d) =>
        PortableShuffles<Vector256<float>, Simd256>.StoreInterleaved4(p, a, b, c, d);

    public static void LoadDeinterleaved4(float* p, out Vector256<float> p0, out Vector256<float> p1, out Vector256<float> p2, out Vector256<float> p3) =>
        PortableShuffles<Vector256<float>, Simd256>.LoadDeinterleaved4(p, out p0, out p1, out p2, out p3);
}
