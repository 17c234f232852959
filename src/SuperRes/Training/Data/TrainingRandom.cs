namespace SuperRes.Training.Data;

/// <summary>
/// A small deterministic generator (SplitMix64) whose output depends only on its seed, never on the
/// .NET version or the thread that runs it. Streams are derived by hashing (seed, keys), so the
/// data of training step s is a function of (seed, s) alone and resuming reproduces it exactly.
/// </summary>
public sealed class TrainingRandom
{
    private ulong _state;

    public TrainingRandom(ulong seed) => _state = seed;

    /// <summary>The stream for a tuple of keys, e.g. (seed, step, sample index).</summary>
    public static TrainingRandom For(long seed, params ReadOnlySpan<long> keys)
    {
        var h = Mix((ulong)seed ^ 0x5EED5EED5EED5EEDUL);
        foreach (var k in keys) h = Mix(h ^ Mix((ulong)k + 0x9E3779B97F4A7C15UL));
        return new TrainingRandom(h);
    }

    /// <summary>The current state (to save and restore a stream).</summary>
    public ulong State { get => _state; set => _state = value; }

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, <paramref name="maxExclusive"/>), unbiased (rejection).</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        var bound = (ulong)maxExclusive;
        var limit = ulong.MaxValue - ulong.MaxValue % bound;
        ulong v;
        do v = NextUInt64(); while (v >= limit);
        return (int)(v % bound);
    }

    /// <summary>Standard normal (Box-Muller), for weight initialisation and noise.</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
