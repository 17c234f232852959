using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SuperRes.Server;

/// <summary>
/// The web server of <c>superres serve</c>: the page (drop an image, pick model and scale, follow the
/// progress, compare before and after, download) and the HTTP API, over one bounded job queue.
/// Results live only in a temporary folder that is deleted on <see cref="DisposeAsync"/>.
/// </summary>
public sealed class SuperResServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Timer _sweeper;
    private int _disposed;

    private SuperResServer(WebApplication app, ServerState state)
    {
        _app = app;
        State = state;
        var period = TimeSpan.FromTicks(Math.Clamp(state.Options.ResultLifetime.Ticks / 4, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));
        _sweeper = new Timer(_ => state.Jobs.RemoveExpired(DateTime.UtcNow), null, period, period);
    }

    /// <summary>The folder that holds results while the server runs.</summary>
    public string TempFolderPath => State.Temp.Path;

    /// <summary>The addresses listened on, once started (with the real port when 0 was asked for).</summary>
    public IReadOnlyList<string> Addresses =>
        _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];

    internal ServerState State { get; }

    /// <summary>Builds a server offering <paramref name="models"/> (the first is the default); call <see cref="StartAsync"/>.</summary>
    /// <param name="options">Addresses and limits.</param>
    /// <param name="models">The methods offered, by name; at least one.</param>
    /// <param name="logToConsole">Write warnings and errors to stderr (the command does; tests do not).</param>
    public static SuperResServer Create(ServerOptions options, IReadOnlyList<ServeModel> models, bool logToConsole = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(models);
        options.Validate();
        if (models.Count == 0) throw new ArgumentException("The server needs at least one model.", nameof(models));

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SuperResServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (logToConsole) builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        // A failed start (address in use) is reported by the caller in one line, not as the host's stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxUploadBytes + Upload.FormOverheadBytes;
        });
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(form =>
            form.MultipartBodyLengthLimit = options.MaxUploadBytes + Upload.FormOverheadBytes);

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SuperRes.Server");
        var temp = new TempFolder(options.TempRoot);
        var queue = new JobQueue(options.QueueCapacity, new JobRunner(options, temp), options.BeforeJob, logger);
        var state = new ServerState(options, models, queue, new JobStore(options.ResultLifetime), temp);

        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (ApiException e)
            {
                await ApiError.WriteAsync(context, e.Status, e.Code, e.Message, e.RetryAfterSeconds);
            }
            catch (BadHttpRequestException e)
            {
                await ApiError.WriteAsync(context, e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "upload_too_large" : "bad_request", e.Message);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client went away; there is no one to answer.
            }
        });
        PageEndpoints.Map(app);
        ApiEndpoints.Map(app, state, logger);
        return new SuperResServer(app, state);
    }

    /// <summary>Starts listening; throws <see cref="IOException"/> when an address is taken.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => _app.StartAsync(cancellationToken);

    /// <summary>Completes when the host shuts down (Ctrl+C or SIGTERM) or <paramref name="cancellationToken"/> fires.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops listening, cancels the queue and deletes the temporary folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _sweeper.DisposeAsync();
        try
        {
            await _app.StopAsync();
        }
        catch (OperationCanceledException)
        {
            // Already stopping.
        }
        await State.Queue.DisposeAsync();
        await _app.DisposeAsync();
        State.Temp.Dispose();
    }
}
