using System.Net.Http.Headers;
using SuperRes.Imaging;
using SuperRes.Models;

namespace SuperRes.Server.Tests;

/// <summary>A <see cref="SuperResServer"/> on 127.0.0.1 at a free port, with its own temporary root and an HttpClient.</summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private static readonly Lazy<SuperResolutionModel> SharedModel = new(() => BuiltInModel.Load()
        ?? throw new InvalidOperationException("These tests need the built-in model (src/SuperRes/Models/BuiltIn/default.safetensors)."));

    private RunningServer(SuperResServer server, string tempRoot)
    {
        Server = server;
        TempRoot = tempRoot;
        BaseAddress = new Uri(server.Addresses.Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)));
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public SuperResServer Server { get; }
    public HttpClient Client { get; }
    public Uri BaseAddress { get; }

    /// <summary>The folder the server makes its temporary folder in (removed on dispose).</summary>
    public string TempRoot { get; }

    /// <summary>The built-in network and bicubic, as <c>superres serve</c> offers them.</summary>
    public static IReadOnlyList<ServeModel> Models => [new(BuiltInModel.DisplayName, SharedModel.Value), new("bicubic", null)];

    public static async Task<RunningServer> StartAsync(ServerOptions? options = null)
    {
        string root = Path.Combine(Path.GetTempPath(), "superres-server-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var server = SuperResServer.Create((options ?? new ServerOptions()) with { Urls = "http://127.0.0.1:0", TempRoot = root }, Models, logToConsole: false);
        await server.StartAsync();
        return new RunningServer(server, root);
    }

    /// <summary>POSTs raw bytes (as curl --data-binary does) to a path.</summary>
    public Task<HttpResponseMessage> PostBytesAsync(string path, byte[] data, CancellationToken cancellationToken = default)
    {
        var content = new ByteArrayContent(data);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return Client.PostAsync(path, content, cancellationToken);
    }

    /// <summary>POSTs a multipart form with the file in field <c>image</c>, as the page does.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string path, byte[] data, string fileName)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(data), "image", fileName } };
        return Client.PostAsync(path, form);
    }

    public static byte[] Png(Image image)
    {
        using var stream = new MemoryStream();
        ImageCodecs.Write(image, stream, ImageFileFormat.Png);
        return stream.ToArray();
    }

    /// <summary>A seeded colour test image with smooth gradients and some noise.</summary>
    public static Image TestImage(int width, int height, int channels = 3, int seed = 1)
    {
        var random = new Random(seed);
        var image = new Image(width, height, channels, 8);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                for (int c = 0; c < channels; c++)
                    image[x, y, c] = (ushort)Math.Clamp((x * 255 / width + y * 97 / height + c * 60) % 256 + random.Next(-20, 21), 0, 255);
        return image;
    }

    /// <summary>Files under the server's temporary folder (empty or missing when everything was cleaned up).</summary>
    public string[] TempFiles() =>
        Directory.Exists(Server.TempFolderPath) ? Directory.GetFiles(Server.TempFolderPath, "*", SearchOption.AllDirectories) : [];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        if (Directory.Exists(TempRoot)) Directory.Delete(TempRoot, recursive: true);
    }
}
