using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace SuperRes.Tensors.Kernels.Simd;

/// <summary>Vector128: 4 floats a vector.</summary>
internal readonly unsafe struct Simd128 : ISimdWidth<Vector128<float>>
{
    public static int Count => Vector128<float>.Count;
    public static bool IsHardwareAccelerated => Vector128.IsHardwareAccelerated;
    public static Vector128<float> Zero => Vector128<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(float* p) => Vector128.Load(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* p, Vector128<float> v) => v.Store(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Splat(float x) => Vector128.Create(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c)
        => Vector128.MultiplyAddEstimate(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Subtract(Vector128<float> a, Vector128<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Multiply(Vector128<float> a, Vector128<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector128<float> v) => Vector128.Sum(v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LeakyRelu(Vector128<float> x, Vector128<float> slope) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<float>.Zero), x, x * slope);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(float* p, Vector128<float> a, Vector128<float> b)
    {
        if (Sse.IsSupported)
        {
            Sse.UnpackLow(a, b).Store(p);
            Sse.UnpackHigh(a, b).Store(p + 4);
        }
        else if (AdvSimd.Arm64.IsSupported)
        {
            AdvSimd.Arm64.ZipLow(a, b).Store(p);
            AdvSimd.Arm64.ZipHigh(a, b).Store(p + 4);
        }
        else
        {
            for (int i = 0; i < 4; i++) { p[2 * i] = a[i]; p[2 * i + 1] = b[i]; }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LoadDeinterleaved(float* p, out Vector128<float> even, out Vector128<float> odd)
    {
        Vector128<float> a = Vector128.Load(p), b = Vector128.Load(p + 4);
        if (Sse.IsSupported)
        {
            even = Sse.Shuffle(a, b, 0b10_00_10_00);
            odd = Sse.Shuffle(a, b, 0b11_01_11_01);
        }
        else if (AdvSimd.Arm64.IsSupported)
        {
            even = AdvSimd.Arm64.UnzipEven(a, b);
            odd = AdvSimd.Arm64.UnzipOdd(a, b);
        }
        else
        {
            even = Vector128.Create(p[0], p[2], p[4], p[6]);
            odd = Vector128.Create(p[1], p[3], p[5], p[7]);
        }
    }

    public static void StoreInterleaved4(float* p, Vector128<float> a, Vector128<float> b, Vector128<float> c, Vector128<float> d) =>
        PortableShuffles<Vector128<float>, Simd128>.StoreInterleaved4(p, a, b, c, d);

    public static void LoadDeinterleaved4(float* p, out Vector128<float> p0, out Vector128<float> p1, out Vector128<float> p2, out Vector128<float> p3) =>
        PortableShuffles<Vector128<float>, Simd128>.LoadDeinterleaved4(p, out p0, out p1, out p2, out p3);
}
