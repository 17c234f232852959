namespace SuperRes.Evaluation;

/// <summary>
/// Pools several datasets' results at one scale into one mean over all their images, as the
/// NVIDIA SISR poster reports Set5 + Set14 + BSD100 together (119 images): a large set weighs
/// by its size, unlike a mean of the per-set means.
/// </summary>
public static class PooledResults
{
    /// <summary>One pooled result per scale and model that has more than one dataset; image names are prefixed with their dataset.</summary>
    public static IReadOnlyList<DatasetResult> Pool(IEnumerable<DatasetResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var pooled = new List<DatasetResult>();
        foreach (var group in results.GroupBy(r => (r.Scale, r.Model)))
        {
            var parts = group.ToList();
            if (parts.Count < 2) continue;
            var name = "pooled (" + string.Join("+", parts.Select(p => p.Dataset)) + ")";
            var images = parts.SelectMany(p => p.Images.Select(i => i with { Name = p.Dataset + "/" + i.Name })).ToList();
            var failures = parts.SelectMany(p => p.Failures).ToList();
            pooled.Add(new DatasetResult(name, group.Key.Scale, group.Key.Model, images, failures, parts.Sum(p => p.Seconds)));
        }
        return pooled;
    }
}
