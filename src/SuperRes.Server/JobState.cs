namespace SuperRes.Server;

/// <summary>Where an <see cref="UpscaleJob"/> stands; the last three are final.</summary>
internal enum JobState
{
    Queued,
    Running,
    Done,
    Failed,
    Cancelled,
}
