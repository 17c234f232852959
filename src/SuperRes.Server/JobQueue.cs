using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace SuperRes.Server;

/// <summary>
/// A bounded queue with one worker: at most <see cref="Capacity"/> jobs wait or run at once;
/// <see cref="TryEnqueue"/> refuses the next (the API answers 503 with <see cref="RetryAfterSeconds"/>).
/// </summary>
internal sealed class JobQueue : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly LinkedList<UpscaleJob> _waiting = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly JobRunner _runner;
    private readonly Func<CancellationToken, Task>? _beforeJob;
    private readonly ILogger _logger;
    private readonly Task _worker;
    private UpscaleJob? _running;
    private double _averageSeconds = 1;

    public JobQueue(int capacity, JobRunner runner, Func<CancellationToken, Task>? beforeJob, ILogger logger)
    {
        Capacity = capacity;
        _runner = runner;
        _beforeJob = beforeJob;
        _logger = logger;
        _worker = Task.Factory.StartNew(WorkAsync, TaskCreationOptions.LongRunning).Unwrap();
    }

    public int Capacity { get; }

    /// <summary>Jobs waiting or running now.</summary>
    public int Count
    {
        get { lock (_gate) return _waiting.Count + (_running is null ? 0 : 1); }
    }

    /// <summary>The most jobs that were ever waiting or running at once.</summary>
    public int MaxCount { get; private set; }

    public long Accepted { get; private set; }
    public long Rejected { get; private set; }
    public long Completed { get; private set; }
    public long Failed { get; private set; }

    /// <summary>Jobs dropped because their caller went away (or deleted them) before they finished.</summary>
    public long Cancelled { get; private set; }

    /// <summary>A guess at when a place frees up: the jobs ahead times the mean job time so far, 1 to 300 s.</summary>
    public int RetryAfterSeconds
    {
        get
        {
            lock (_gate) return (int)Math.Clamp(Math.Ceiling(_averageSeconds * Math.Max(1, _waiting.Count)), 1, 300);
        }
    }

    /// <summary>Adds a job unless <see cref="Capacity"/> jobs are already waiting or running.</summary>
    public bool TryEnqueue(UpscaleJob job)
    {
        lock (_gate)
        {
            if (_waiting.Count + (_running is null ? 0 : 1) >= Capacity)
            {
                Rejected++;
                return false;
            }
            job.SetQueuePosition(_waiting.Count + (_running is null ? 0 : 1));
            _waiting.AddLast(job);
            Accepted++;
            MaxCount = Math.Max(MaxCount, _waiting.Count + (_running is null ? 0 : 1));
        }
        _signal.Release();
        return true;
    }

    /// <summary>True, counted as a refusal, when a job would be refused now (checked before reading an upload, to save the work).</summary>
    public bool RefuseIfFull()
    {
        lock (_gate)
        {
            if (_waiting.Count + (_running is null ? 0 : 1) < Capacity) return false;
            Rejected++;
            return true;
        }
    }

    private async Task WorkAsync()
    {
        while (true)
        {
            try
            {
                await _signal.WaitAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            UpscaleJob job;
            lock (_gate)
            {
                if (_waiting.First is null) continue; // cleared by DisposeAsync
                job = _waiting.First.Value;
                _waiting.RemoveFirst();
                _running = job;
                int position = 0;
                foreach (var waiting in _waiting) waiting.SetQueuePosition(++position);
            }
            var clock = Stopwatch.StartNew();
            Run(job);
            lock (_gate)
            {
                _running = null;
                _averageSeconds = 0.8 * _averageSeconds + 0.2 * clock.Elapsed.TotalSeconds;
            }
        }
    }

    private void Run(UpscaleJob job)
    {
        try
        {
            if (_beforeJob is not null)
            {
                using var stopOrCancel = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, job.CancellationToken);
                _beforeJob(stopOrCancel.Token).GetAwaiter().GetResult();
            }
            job.CancellationToken.ThrowIfCancellationRequested();
            _runner.Run(job);
            lock (_gate) Completed++;
        }
        catch (OperationCanceledException)
        {
            lock (_gate) Cancelled++;
            job.DeleteResult();
            job.MarkCancelled();
        }
        catch (Exception e)
        {
            lock (_gate) Failed++;
            _logger.LogError("Job {Id} failed: {Type}: {Message}", job.Id, e.GetType().Name, e.Message);
            job.Fail($"upscaling failed ({e.GetType().Name}): {e.Message}");
        }
    }

    /// <summary>Stops the worker: the running job is cancelled, waiting ones are marked cancelled.</summary>
    public async ValueTask DisposeAsync()
    {
        List<UpscaleJob> left;
        lock (_gate)
        {
            left = [.. _waiting];
            _waiting.Clear();
            _running?.Cancel();
        }
        await _stop.CancelAsync();
        foreach (var job in left) job.MarkCancelled();
        await _worker;
        _stop.Dispose();
        _signal.Dispose();
    }
}
