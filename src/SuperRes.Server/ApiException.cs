namespace SuperRes.Server;

/// <summary>A request the API refuses: the HTTP status, a stable code for programs and a one-line message for people.</summary>
internal sealed class ApiException(int status, string code, string message, int? retryAfterSeconds = null) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;

    /// <summary>Sent as Retry-After (503 when the queue is full).</summary>
    public int? RetryAfterSeconds { get; } = retryAfterSeconds;

    public static ApiException BadRequest(string message) => new(StatusCodes.Status400BadRequest, "bad_request", message);

    public static ApiException NotFound(string message) => new(StatusCodes.Status404NotFound, "not_found", message);
}
