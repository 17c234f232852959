using System.Diagnostics;
using SuperRes.Imaging;

namespace SuperRes.Server;

/// <summary>
/// One upscale request: its decoded input, method and scale, and its progress. State changes are
/// published to any number of waiters (<see cref="WaitForChangeAsync"/>), which the event stream uses.
/// </summary>
internal sealed class UpscaleJob
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _cancel = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Stopwatch _clock = new();
    private JobState _state = JobState.Queued;
    private int _tilesDone, _tilesTotal;
    private string? _error;

    public UpscaleJob(Image input, ServeModel model, int scale, bool ensemble, string downloadName)
    {
        Id = Guid.NewGuid().ToString("N");
        Input = input;
        InputWidth = input.Width;
        InputHeight = input.Height;
        Model = model;
        Scale = scale;
        Ensemble = ensemble;
        DownloadName = downloadName;
    }

    public string Id { get; }

    /// <summary>The decoded input; dropped once the job has run, so finished jobs hold no pixels.</summary>
    public Image? Input { get; private set; }

    public int InputWidth { get; }
    public int InputHeight { get; }
    public ServeModel Model { get; }
    public int Scale { get; }
    public bool Ensemble { get; }

    /// <summary>The file name offered for download, e.g. <c>bird_x4.png</c>.</summary>
    public string DownloadName { get; }

    /// <summary>The result PNG in the server's temporary folder, once done.</summary>
    public string? ResultPath { get; private set; }

    /// <summary>When the job reached a final state (for expiry).</summary>
    public DateTime? FinishedAt { get; private set; }

    /// <summary>Jobs ahead of this one (the running one included), kept up to date by the queue while it waits.</summary>
    public int QueuePosition { get; private set; }

    public void SetQueuePosition(int position)
    {
        if (position != QueuePosition) Update(() => QueuePosition = position);
    }

    public JobState State
    {
        get { lock (_gate) return _state; }
    }

    public CancellationToken CancellationToken => _cancel.Token;

    /// <summary>Completes when the job is done, failed or cancelled.</summary>
    public Task Finished => _finished.Task;

    public void Cancel() => _cancel.Cancel();

    public void MarkRunning() => Update(() =>
    {
        _state = JobState.Running;
        _clock.Start();
    });

    public void ReportTiles(int done, int total) => Update(() => (_tilesDone, _tilesTotal) = (done, total));

    public void Complete(string resultPath) => Finish(JobState.Done, null, resultPath);

    public void Fail(string error) => Finish(JobState.Failed, error, null);

    public void MarkCancelled() => Finish(JobState.Cancelled, "cancelled", null);

    /// <summary>Deletes the result file, if any (expiry, DELETE, or a caller that went away).</summary>
    public void DeleteResult()
    {
        string? path;
        lock (_gate)
        {
            path = ResultPath;
            ResultPath = null;
        }
        if (path is not null) TempFolder.DeleteFile(path);
    }

    /// <summary>Completes at the next state change; take it before <see cref="Snapshot"/> so that no change is missed.</summary>
    public Task NextChange
    {
        get { lock (_gate) return _changed.Task; }
    }

    public JobStatus Snapshot()
    {
        lock (_gate)
        {
            bool done = _state == JobState.Done;
            return new JobStatus(Id, _state.ToString().ToLowerInvariant(), Model.Name, Scale, InputWidth, InputHeight,
                _tilesDone, _tilesTotal, _state == JobState.Queued ? QueuePosition : 0,
                done ? InputWidth * Scale : null, done ? InputHeight * Scale : null,
                _clock.IsRunning || FinishedAt is not null ? Math.Round(_clock.Elapsed.TotalSeconds, 3) : null,
                done && ResultPath is not null ? $"/api/jobs/{Id}/result" : null, _error);
        }
    }

    private void Finish(JobState state, string? error, string? resultPath)
    {
        Update(() =>
        {
            _state = state;
            _error = error;
            ResultPath = resultPath;
            FinishedAt = DateTime.UtcNow;
            _clock.Stop();
            Input = null;
        });
        _finished.TrySetResult();
    }

    private void Update(Action change)
    {
        TaskCompletionSource previous;
        lock (_gate)
        {
            change();
            previous = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        previous.TrySetResult();
    }
}
