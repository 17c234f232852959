namespace SuperRes.Server;

/// <summary>Settings of a <see cref="SuperResServer"/>: where it listens and the limits that keep it bounded.</summary>
public sealed record ServerOptions
{
    /// <summary>The default address: loopback only, so nothing is exposed to the network unless asked.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5000";

    /// <summary>Addresses to listen on, separated by ';' (port 0 picks a free port).</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>Largest accepted upload in bytes; a larger body is answered 413.</summary>
    public long MaxUploadBytes { get; init; } = 32L << 20;

    /// <summary>Largest accepted input, width x height; checked from the header before any pixel buffer is allocated (413).</summary>
    public long MaxInputPixels { get; init; } = 4_000_000;

    /// <summary>Largest output, width x height x scale²; a request over it is answered 413.</summary>
    public long MaxOutputPixels { get; init; } = 36_000_000;

    /// <summary>Jobs waiting or running at once; one more is answered 503 with Retry-After.</summary>
    public int QueueCapacity { get; init; } = 8;

    /// <summary>Tile side in input pixels for the network (0: chosen from the memory budget, as the CLI does).</summary>
    public int TileSize { get; init; }

    /// <summary>How long a finished job's result is kept for download before it is deleted.</summary>
    public TimeSpan ResultLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Folder under which the server makes its own temporary folder (deleted on shutdown); null: the system's.</summary>
    public string? TempRoot { get; init; }

    /// <summary>Called on the worker before each job runs, with a token that fires when the job is cancelled; tests use it to hold the queue.</summary>
    internal Func<CancellationToken, Task>? BeforeJob { get; init; }

    /// <summary>Called on the worker after each tile with tiles done and total; tests use it to hold a job halfway.</summary>
    internal Action<int, int>? AfterTile { get; init; }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Urls)) throw new ArgumentException("No address to listen on.");
        if (MaxUploadBytes < 1024) throw new ArgumentException($"The upload limit must be at least 1 KiB, got {MaxUploadBytes} bytes.");
        if (MaxInputPixels < 1) throw new ArgumentException($"The input pixel limit must be positive, got {MaxInputPixels}.");
        if (MaxOutputPixels < MaxInputPixels) throw new ArgumentException($"The output pixel limit ({MaxOutputPixels}) must not be below the input limit ({MaxInputPixels}).");
        if (QueueCapacity < 1) throw new ArgumentException($"The queue must hold at least one job, got {QueueCapacity}.");
        if (TileSize < 0) throw new ArgumentException($"The tile size must not be negative, got {TileSize}.");
        if (ResultLifetime <= TimeSpan.Zero) throw new ArgumentException("The result lifetime must be positive.");
    }
}
