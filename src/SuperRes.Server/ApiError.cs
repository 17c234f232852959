namespace SuperRes.Server;

/// <summary>The body of every API error: <c>{"error": "bird.png: bad CRC in IDAT chunk", "code": "bad_image"}</c>.</summary>
internal sealed record ApiError(string Error, string Code)
{
    /// <summary>Writes an error response (status, Retry-After when given, JSON body) unless the response has started.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string code, string message, int? retryAfterSeconds = null)
    {
        if (context.Response.HasStarted) return;
        context.Response.Clear();
        context.Response.StatusCode = status;
        if (retryAfterSeconds is { } seconds) context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await context.Response.WriteAsJsonAsync(new ApiError(message.ReplaceLineEndings(" "), code));
    }
}
