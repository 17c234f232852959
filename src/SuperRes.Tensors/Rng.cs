namespace SuperRes.Tensors;

/// <summary>
/// Counter-based random numbers: value i is SplitMix64's finaliser applied to seed-key + i·γ, so
/// the stream depends only on (seed, position) and is the same on every machine and runtime.
/// Floats are built with integer arithmetic and IEEE double operations that are exactly rounded;
/// normals use Box–Muller in double (Math.Log/Sqrt/Cos are correctly rounded enough in practice
/// and identical on the x64/arm64 .NET runtimes we target).
/// </summary>
public sealed class Rng
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;
    private readonly ulong _key;

    public Rng(ulong seed)
    {
        Seed = seed;
        _key = Mix(seed ^ 0x6A09E667F3BCC909UL);
    }

    public ulong Seed { get; }

    /// <summary>Number of 64-bit values drawn so far; set it to resume a stream.</summary>
    public ulong Position { get; set; }

    /// <summary>An independent stream derived from this seed and <paramref name="stream"/> (e.g. per layer).</summary>
    public Rng Fork(ulong stream) => new(Mix(_key + Mix(stream + Gamma)));

    public ulong NextUInt64() => Mix(_key + Position++ * Gamma);

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform float in [0, 1) with 24 random bits.</summary>
    public float NextSingle() => (NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>Uniform integer in [0, n) (Lemire's multiply-shift, negligible bias for small n).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n));
        return (int)(((NextUInt64() >> 32) * (ulong)n) >> 32);
    }

    public double NextNormal()
    {
        double u1 = 1.0 - NextDouble(); // (0, 1]
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public void FillUniform(Span<float> span, float low, float high)
    {
        for (int i = 0; i < span.Length; i++) span[i] = (float)(low + (high - (double)low) * NextDouble());
    }

    public void FillNormal(Span<float> span, float mean, float std)
    {
        for (int i = 0; i < span.Length; i++) span[i] = (float)(mean + std * NextNormal());
    }

    /// <summary>Fisher–Yates shuffle.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
