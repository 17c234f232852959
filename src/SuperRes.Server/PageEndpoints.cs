namespace SuperRes.Server;

/// <summary>The page: a few static files embedded in this assembly (wwwroot/), served from memory.</summary>
internal static class PageEndpoints
{
    private static readonly (string Route, string File, string ContentType)[] Files =
    [
        ("/", "index.html", "text/html; charset=utf-8"),
        ("/app.js", "app.js", "text/javascript; charset=utf-8"),
        ("/app.css", "app.css", "text/css; charset=utf-8"),
    ];

    public static void Map(WebApplication app)
    {
        foreach (var (route, file, contentType) in Files)
        {
            byte[] content = Load(file);
            app.MapGet(route, (HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "no-cache";
                context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' blob: data:";
                return Results.Bytes(content, contentType);
            });
        }
    }

    private static byte[] Load(string file)
    {
        using var stream = typeof(PageEndpoints).Assembly.GetManifestResourceStream("SuperRes.Server.wwwroot." + file)
            ?? throw new InvalidOperationException($"The page file {file} is not embedded in this build.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
