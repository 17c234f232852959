using System.Text.Json.Serialization;

namespace SuperRes.Server;

/// <summary>
/// A job as the API shows it (<c>GET /api/jobs/ID</c> and each server-sent event): state, tiles done
/// of the total, and when done the output size and where to download it; when failed, the error.
/// </summary>
internal sealed record JobStatus(
    string Id,
    string State,
    string Model,
    int Scale,
    int InputWidth,
    int InputHeight,
    int TilesDone,
    int TilesTotal,
    int QueuePosition,
    int? OutputWidth,
    int? OutputHeight,
    double? Seconds,
    string? Result,
    string? Error)
{
    [JsonIgnore]
    public bool IsFinal => State is "done" or "failed" or "cancelled";
}
