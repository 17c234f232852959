using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace SuperRes.Server;

/// <summary>
/// The HTTP API (docs/SERVE.md): <c>POST /api/upscale</c> answers with the upscaled PNG;
/// <c>POST /api/jobs</c> queues a job for the page, which follows it through
/// <c>GET /api/jobs/ID/events</c> (server-sent events) and downloads <c>GET /api/jobs/ID/result</c>.
/// </summary>
internal static class ApiEndpoints
{
    /// <summary>An event goes out at least this often while a job waits, so proxies keep the stream open.</summary>
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static void Map(WebApplication app, ServerState state, ILogger logger)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/models", () => Results.Json(new
        {
            models = state.Models.Select(m => new { name = m.Name, scales = m.Scales }),
            limits = new
            {
                maxUploadBytes = state.Options.MaxUploadBytes,
                maxInputPixels = state.Options.MaxInputPixels,
                maxOutputPixels = state.Options.MaxOutputPixels,
                queueCapacity = state.Queue.Capacity,
            },
        }));
        api.MapGet("/status", () => Results.Json(new
        {
            queued = state.Queue.Count,
            capacity = state.Queue.Capacity,
            maxQueued = state.Queue.MaxCount,
            accepted = state.Queue.Accepted,
            rejected = state.Queue.Rejected,
            completed = state.Queue.Completed,
            failed = state.Queue.Failed,
            cancelled = state.Queue.Cancelled,
            jobs = state.Jobs.Count,
        }));
        api.MapPost("/upscale", (Delegate)((HttpContext context) => UpscaleAsync(context, state, logger)));
        api.MapPost("/jobs", async (HttpContext context) =>
        {
            var job = await JobRequest.CreateAsync(context, state, logger);
            state.Jobs.Add(job);
            return Results.Json(job.Snapshot(), statusCode: StatusCodes.Status202Accepted);
        });
        api.MapGet("/jobs/{id}", (string id) => Results.Json(Find(state, id).Snapshot()));
        api.MapGet("/jobs/{id}/events", (string id, CancellationToken cancellationToken) =>
            TypedResults.ServerSentEvents(Follow(Find(state, id), cancellationToken), eventType: "status"));
        api.MapGet("/jobs/{id}/result", (string id) =>
        {
            var job = Find(state, id);
            var path = job.ResultPath;
            if (job.State != JobState.Done || path is null || !File.Exists(path))
                throw new ApiException(StatusCodes.Status409Conflict, "no_result", $"job {id} has no result ({job.State.ToString().ToLowerInvariant()})");
            return Results.File(OpenShared(path, deleteOnClose: false), "image/png", job.DownloadName);
        });
        api.MapDelete("/jobs/{id}", (string id) =>
            state.Jobs.Remove(id) ? Results.NoContent() : throw ApiException.NotFound($"no job {id}"));
        api.MapFallback(() => Results.Json(new ApiError("no such API endpoint; see GET /api/models", "not_found"), statusCode: StatusCodes.Status404NotFound));
    }

    /// <summary><c>POST /api/upscale</c>: waits for the job and sends the PNG, which is deleted as it is sent.</summary>
    private static async Task<IResult> UpscaleAsync(HttpContext context, ServerState state, ILogger logger)
    {
        var job = await JobRequest.CreateAsync(context, state, logger);
        try
        {
            await job.Finished.WaitAsync(context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The caller went away: stop the work and drop whatever it makes.
            job.Cancel();
            _ = job.Finished.ContinueWith(_ => job.DeleteResult(), TaskScheduler.Default);
            throw;
        }
        var status = job.Snapshot();
        if (job.State != JobState.Done || job.ResultPath is null)
            throw new ApiException(StatusCodes.Status500InternalServerError, "failed", status.Error ?? "upscaling failed");
        var headers = context.Response.Headers;
        headers["X-SuperRes-Model"] = job.Model.Name;
        headers["X-SuperRes-Scale"] = job.Scale.ToString(CultureInfo.InvariantCulture);
        headers["X-SuperRes-Seconds"] = status.Seconds?.ToString(CultureInfo.InvariantCulture) ?? "";
        return Results.File(OpenShared(job.ResultPath, deleteOnClose: true), "image/png", job.DownloadName);
    }

    private static UpscaleJob Find(ServerState state, string id) =>
        state.Jobs.Find(id) ?? throw ApiException.NotFound($"no job {id} (finished jobs are kept {state.Options.ResultLifetime.TotalMinutes:0.#} minutes)");

    /// <summary>The job's status now and after every change, until it is final.</summary>
    private static async IAsyncEnumerable<JobStatus> Follow(UpscaleJob job, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            var next = job.NextChange;
            var status = job.Snapshot();
            yield return status;
            if (status.IsFinal) yield break;
            try
            {
                await next.WaitAsync(KeepAlive, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Nothing changed: send the same status again as a keep-alive.
            }
        }
    }

    private static FileStream OpenShared(string path, bool deleteOnClose) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16,
            FileOptions.Asynchronous | (deleteOnClose ? FileOptions.DeleteOnClose : FileOptions.None));
}
