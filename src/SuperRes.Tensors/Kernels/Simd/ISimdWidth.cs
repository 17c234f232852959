namespace SuperRes.Tensors.Kernels.Simd;

/// <summary>
/// A vector width the conv kernels are generic over. Implemented by structs so the JIT
/// specialises and inlines every call: one kernel source, one machine-code copy per width.
/// </summary>
internal unsafe interface ISimdWidth<TVector> where TVector : struct
{
    /// <summary>Floats per vector.</summary>
    static abstract int Count { get; }

    /// <summary>True when this width runs on hardware rather than in software emulation.</summary>
    static abstract bool IsHardwareAccelerated { get; }

    static abstract TVector Zero { get; }
    static abstract TVector Load(float* p);
    static abstract void Store(float* p, TVector v);
    static abstract TVector Splat(float x);

    /// <summary>a * b + c, fused where the CPU has FMA.</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);
    static abstract TVector Add(TVector a, TVector b);
    static abstract TVector Subtract(TVector a, TVector b);
    static abstract TVector Multiply(TVector a, TVector b);
    static abstract float Sum(TVector v);

    /// <summary>x where x &gt; 0, else x * slope: the same formula as the scalar leaky ReLU, so results match bit for bit.</summary>
    static abstract TVector LeakyRelu(TVector x, TVector slope);

    /// <summary>Stores a0 b0 a1 b1 ... (2 x Count floats).</summary>
    static abstract void StoreInterleaved(float* p, TVector a, TVector b);

    /// <summary>Stores a0 b0 c0 d0 a1 b1 c1 d1 ... (4 x Count floats).</summary>
    static abstract void StoreInterleaved4(float* p, TVector a, TVector b, TVector c, TVector d);

    /// <summary>Loads 4 x Count floats, splitting them by position modulo 4 (p0 = p[0], p[4], ...).</summary>
    static abstract void LoadDeinterleaved4(float* p, out TVector p0, out TVector p1, out TVector p2, out TVector p3);

    /// <summary>Loads 2 x Count floats, splitting them into even and odd positions.</summary>
    static abstract void LoadDeinterleaved(float* p, out TVector even, out TVector odd);
}
