using System.Runtime.Intrinsics;
using SuperRes.Tensors.Kernels.Simd;

namespace SuperRes.Tensors.Tests.Kernels;

/// <summary>The shuffles and the leaky ReLU each vector width implements, against their scalar definitions.</summary>
public unsafe class SimdWidthTests
{
    [Fact]
    public void Width128_MatchesScalar() => Check<Vector128<float>, Simd128>();

    [Fact]
    public void Width256_MatchesScalar() => Check<Vector256<float>, Simd256>();

    [Fact]
    public void Width512_MatchesScalar() => Check<Vector512<float>, Simd512>();

    private static void Check<TVector, TOps>() where TVector : struct where TOps : struct, ISimdWidth<TVector>
    {
        int w = TOps.Count;
        var source = new float[2 * w];
        for (int i = 0; i < source.Length; i++) source[i] = (i % 3 == 0 ? -1 : 1) * (i + 0.25f);
        var interleaved = new float[2 * w];
        var leaky = new float[w];
        var four = new float[4 * w];
        var quarters = new float[4 * w];
        var wide = new float[4 * w];
        for (int i = 0; i < wide.Length; i++) wide[i] = i * 1.5f - 7;
        float[] even = new float[w], odd = new float[w];
        fixed (float* s = source, dst = interleaved, e = even, o = odd, l = leaky, f = four, q = quarters, x = wide)
        {
            TOps.LoadDeinterleaved(s, out var ev, out var od);
            TOps.Store(e, ev);
            TOps.Store(o, od);
            TOps.StoreInterleaved(dst, TOps.Load(s), TOps.Load(s + w));
            TOps.Store(l, TOps.LeakyRelu(TOps.Load(s), TOps.Splat(0.2f)));
            TOps.StoreInterleaved4(f, TOps.Load(s), TOps.Load(s + w), TOps.Splat(7f), TOps.LeakyRelu(TOps.Load(s), TOps.Splat(0.5f)));
            TOps.LoadDeinterleaved4(x, out var q0, out var q1, out var q2, out var q3);
            TOps.Store(q, q0); TOps.Store(q + w, q1); TOps.Store(q + 2 * w, q2); TOps.Store(q + 3 * w, q3);
        }
        for (int i = 0; i < w; i++)
        {
            Assert.Equal(source[2 * i], even[i]);
            Assert.Equal(source[2 * i + 1], odd[i]);
            Assert.Equal(source[i], interleaved[2 * i]);
            Assert.Equal(source[w + i], interleaved[2 * i + 1]);
            Assert.Equal(source[i] > 0 ? source[i] : source[i] * 0.2f, leaky[i]);
            Assert.Equal(source[i], four[4 * i]);
            Assert.Equal(source[w + i], four[4 * i + 1]);
            Assert.Equal(7f, four[4 * i + 2]);
            Assert.Equal(source[i] > 0 ? source[i] : source[i] * 0.5f, four[4 * i + 3]);
            for (int r = 0; r < 4; r++) Assert.Equal(wide[4 * i + r], quarters[r * w + i]);
        }
    }
}
