using System.Collections.Concurrent;

namespace SuperRes.Server;

/// <summary>
/// The page's jobs by id, kept after they finish so the result can be downloaded, then dropped
/// (with their result file) <see cref="ServerOptions.ResultLifetime"/> after they finished.
/// </summary>
internal sealed class JobStore(TimeSpan lifetime)
{
    private readonly ConcurrentDictionary<string, UpscaleJob> _jobs = new();

    public int Count => _jobs.Count;

    public void Add(UpscaleJob job) => _jobs[job.Id] = job;

    public UpscaleJob? Find(string id) => _jobs.GetValueOrDefault(id);

    /// <summary>Forgets a job: cancels it if it has not finished and deletes its result.</summary>
    public bool Remove(string id)
    {
        if (!_jobs.TryRemove(id, out var job)) return false;
        job.Cancel();
        job.DeleteResult();
        return true;
    }

    /// <summary>Drops the jobs that finished more than the lifetime ago.</summary>
    public void RemoveExpired(DateTime now)
    {
        foreach (var (id, job) in _jobs)
            if (job.FinishedAt is { } finished && now - finished > lifetime)
                Remove(id);
    }
}
