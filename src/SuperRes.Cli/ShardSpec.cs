using System.Globalization;

namespace SuperRes.Cli;

/// <summary>
/// <c>--shard I/N</c>: shard <see cref="Index"/> of <see cref="Count"/> takes the items whose position in
/// the sorted list is <c>I mod N</c>, so shards 0..N-1 together take every item exactly once and
/// each gets an even share of every folder.
/// </summary>
public readonly record struct ShardSpec(int Index, int Count)
{
    public static ShardSpec All => new(0, 1);

    /// <summary>Parses <c>I/N</c> (0 &lt;= I &lt; N); a usage error otherwise.</summary>
    public static ShardSpec Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count)
            && count >= 1 && index < count)
            return new ShardSpec(index, count);
        throw new CliException(ExitCodes.Usage, $"--shard '{text}': expected I/N with 0 <= I < N, e.g. --shard 0/4");
    }

    /// <summary>This shard's items of a list sorted the same way on every machine.</summary>
    public IReadOnlyList<T> Select<T>(IReadOnlyList<T> sorted)
    {
        var result = new List<T>();
        for (int i = Index; i < sorted.Count; i += Count) result.Add(sorted[i]);
        return result;
    }
}
