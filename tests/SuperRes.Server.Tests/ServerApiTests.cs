using System.Net;
using System.Text.Json;
using SuperRes.Cli;
using SuperRes.Imaging;

namespace SuperRes.Server.Tests;

public sealed class ServerApiTests
{
    [Fact]
    public async Task Upscale_DefaultModel_ReturnsTheCliResult()
    {
        await using var server = await RunningServer.StartAsync();
        var image = RunningServer.TestImage(23, 17);
        var response = await server.PostBytesAsync("/api/upscale?scale=2", RunningServer.Png(image));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("default", response.Headers.GetValues("X-SuperRes-Model").Single());
        var served = ImageCodecs.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((46, 34, 3), (served.Width, served.Height, served.Channels));

        // The same request through `superres upscale` gives the same pixels.
        var folder = Directory.CreateTempSubdirectory("superres-serve-cli-");
        try
        {
            string input = Path.Combine(folder.FullName, "in.png"), output = Path.Combine(folder.FullName, "out.png");
            File.WriteAllBytes(input, RunningServer.Png(image));
            int code = SuperResRootCommand.Create().Parse(["upscale", input, "-o", output, "--scale", "2"])
                .Invoke(new System.CommandLine.InvocationConfiguration { Output = TextWriter.Null, Error = TextWriter.Null });
            Assert.Equal(0, code);
            Assert.Equal(ImageCodecs.Read(output).ToUInt16Array(), served.ToUInt16Array());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Upscale_MultipartBicubicWithAlpha_KeepsChannelsAndNamesTheDownload()
    {
        await using var server = await RunningServer.StartAsync();
        var response = await server.PostFormAsync("/api/upscale?model=bicubic&scale=3", RunningServer.Png(RunningServer.TestImage(10, 7, channels: 4)), "my photo.png");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("my_photo_x3.png", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var served = ImageCodecs.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((30, 21, 4), (served.Width, served.Height, served.Channels));
    }

    [Theory]
    [InlineData("this is not an image")]
    [InlineData("\u0089PNG\r\n\u001a\n truncated")]
    public async Task Upscale_BadFile_Returns400WithJsonError(string content)
    {
        await using var server = await RunningServer.StartAsync();
        var response = await server.PostBytesAsync("/api/upscale?name=notes.png", System.Text.Encoding.Latin1.GetBytes(content));

        var error = await ReadErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("bad_image", error.Code);
        Assert.StartsWith("notes.png: ", error.Message);
        Assert.Empty(server.TempFiles());
    }

    [Fact]
    public async Task Upscale_EmptyBody_Returns400()
    {
        await using var server = await RunningServer.StartAsync();
        var error = await ReadErrorAsync(await server.PostBytesAsync("/api/upscale", []), HttpStatusCode.BadRequest);
        Assert.Contains("empty upload", error.Message);
    }

    [Theory]
    [InlineData("/api/upscale?model=nope", "unknown model 'nope'")]
    [InlineData("/api/upscale?scale=3", "upscales by 2, 4, not by '3'")]
    [InlineData("/api/upscale?ensemble=maybe", "ensemble must be true or false")]
    public async Task Upscale_BadQuery_Returns400NamingTheProblem(string path, string expected)
    {
        await using var server = await RunningServer.StartAsync();
        var error = await ReadErrorAsync(await server.PostBytesAsync(path, RunningServer.Png(RunningServer.TestImage(4, 4))), HttpStatusCode.BadRequest);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task Upscale_UploadOverLimit_Returns413()
    {
        await using var server = await RunningServer.StartAsync(new ServerOptions { MaxUploadBytes = 8 << 10 });
        var big = RunningServer.Png(RunningServer.TestImage(120, 120)); // noisy, so well over 8 KiB
        Assert.True(big.Length > 8 << 10);

        var raw = await ReadErrorAsync(await server.PostBytesAsync("/api/upscale", big), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("upload_too_large", raw.Code);
        var form = await ReadErrorAsync(await server.PostFormAsync("/api/upscale", big, "big.png"), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("upload_too_large", form.Code);
    }

    [Fact]
    public async Task Upscale_TooManyPixels_Returns413BeforeDecodingPixels()
    {
        await using var server = await RunningServer.StartAsync(new ServerOptions { MaxInputPixels = 100, MaxOutputPixels = 1600 });
        var input = await ReadErrorAsync(await server.PostBytesAsync("/api/upscale?name=wide.png", RunningServer.Png(RunningServer.TestImage(11, 10))), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("image_too_large", input.Code);
        Assert.Contains("11x10", input.Message);

        // 10x10 in is allowed, but x8 would give 6400 pixels out.
        var output = await ReadErrorAsync(await server.PostBytesAsync("/api/upscale?model=bicubic&scale=8", RunningServer.Png(RunningServer.TestImage(10, 10))), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("image_too_large", output.Code);
        Assert.Contains("6400 pixels", output.Message);
    }

    [Fact]
    public async Task Jobs_QueueFull_Returns503WithRetryAfter()
    {
        var release = new TaskCompletionSource();
        await using var server = await RunningServer.StartAsync(new ServerOptions { QueueCapacity = 2, BeforeJob = token => release.Task.WaitAsync(token) });
        var png = RunningServer.Png(RunningServer.TestImage(8, 8));

        var first = await server.PostFormAsync("/api/jobs?model=bicubic&scale=2", png, "a.png");
        var second = await server.PostFormAsync("/api/jobs?model=bicubic&scale=2", png, "b.png");
        var third = await server.PostFormAsync("/api/jobs?model=bicubic&scale=2", png, "c.png");
        var sync = await server.PostBytesAsync("/api/upscale?model=bicubic&scale=2", png);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        foreach (var refused in new[] { third, sync })
        {
            var error = await ReadErrorAsync(refused, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("busy", error.Code);
            Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After of at least a second");
        }
        var queued = await ReadJobAsync(second);
        Assert.Equal(("queued", 1), (queued.GetProperty("state").GetString(), queued.GetProperty("queuePosition").GetInt32()));

        release.SetResult();
        foreach (var accepted in new[] { first, second })
        {
            var id = (await ReadJobAsync(accepted)).GetProperty("id").GetString();
            var done = await WaitForStateAsync(server, id!, "done");
            var result = await server.Client.GetAsync(done.GetProperty("result").GetString());
            Assert.Equal(HttpStatusCode.OK, result.StatusCode);
            Assert.Equal(16, ImageCodecs.Decode(await result.Content.ReadAsByteArrayAsync()).Width);
        }
        var status = JsonDocument.Parse(await server.Client.GetStringAsync("/api/status")).RootElement;
        Assert.Equal((2, 2, 2), (status.GetProperty("accepted").GetInt32(), status.GetProperty("rejected").GetInt32(), status.GetProperty("maxQueued").GetInt32()));
    }

    [Fact]
    public async Task Upscale_ClientGoesAway_JobIsCancelledAndLeavesNoFile()
    {
        var release = new TaskCompletionSource();
        await using var server = await RunningServer.StartAsync(new ServerOptions { BeforeJob = token => release.Task.WaitAsync(token) });
        var png = RunningServer.Png(RunningServer.TestImage(24, 24));
        using (var gone = new CancellationTokenSource())
        {
            var request = server.PostBytesAsync("/api/upscale?scale=2", png, gone.Token);
            while (JsonDocument.Parse(await server.Client.GetStringAsync("/api/status")).RootElement.GetProperty("queued").GetInt32() == 0)
                await Task.Delay(20);
            await gone.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        }
        // The job is dropped while it waits (the hold gives way to the cancellation), never released.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (JsonDocument.Parse(await server.Client.GetStringAsync("/api/status")).RootElement.GetProperty("cancelled").GetInt32() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the abandoned job was not cancelled");
            await Task.Delay(20);
        }
        release.SetResult();

        // The next request is served; the abandoned one was dropped, not upscaled.
        Assert.Equal(HttpStatusCode.OK, (await server.PostBytesAsync("/api/upscale?scale=2", png)).StatusCode);
        var status = JsonDocument.Parse(await server.Client.GetStringAsync("/api/status")).RootElement;
        Assert.Equal((2, 1), (status.GetProperty("accepted").GetInt32(), status.GetProperty("completed").GetInt32()));
        Assert.Empty(server.TempFiles());
    }

    [Fact]
    public async Task Jobs_Events_StreamStatusUntilDone()
    {
        await using var server = await RunningServer.StartAsync(new ServerOptions { TileSize = 16 });
        var job = await ReadJobAsync(await server.PostFormAsync("/api/jobs?scale=2", RunningServer.Png(RunningServer.TestImage(40, 30)), "x.png"));
        string id = job.GetProperty("id").GetString()!;

        using var events = await server.Client.GetAsync($"/api/jobs/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", events.Content.Headers.ContentType?.MediaType);
        var statuses = new List<JsonElement>();
        using (var reader = new StreamReader(await events.Content.ReadAsStreamAsync()))
        {
            string? eventType = null;
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal)) eventType = line[7..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    Assert.Equal("status", eventType);
                    statuses.Add(JsonDocument.Parse(line[6..]).RootElement);
                }
            }
        }

        var last = statuses[^1];
        Assert.Equal("done", last.GetProperty("state").GetString());
        Assert.Equal(6, last.GetProperty("tilesTotal").GetInt32()); // 40x30 in 16-pixel tiles: 3 x 2
        Assert.Equal(last.GetProperty("tilesTotal").GetInt32(), last.GetProperty("tilesDone").GetInt32());
        Assert.Equal((80, 60), (last.GetProperty("outputWidth").GetInt32(), last.GetProperty("outputHeight").GetInt32()));
        var states = statuses.Select(s => s.GetProperty("state").GetString()).ToList();
        Assert.Equal(states.OrderBy(s => Array.IndexOf(["queued", "running", "done"], s)), states); // never goes back
    }

    [Fact]
    public async Task TempFolder_HoldsOnlyLiveResults_AndIsDeletedOnShutdown()
    {
        // Results expire 3-4 s after they are done (the sweep runs every second): long enough that a
        // loaded machine stalling the status polls for a second does not lose a result before the
        // test has seen it done (with 1 s, one CI run got a 404 while waiting), short for the test.
        var server = await RunningServer.StartAsync(new ServerOptions { ResultLifetime = TimeSpan.FromSeconds(3) });
        string folder = server.Server.TempFolderPath;
        try
        {
            Assert.StartsWith(server.TempRoot, folder);
            var png = RunningServer.Png(RunningServer.TestImage(12, 12));

            // The answer of /api/upscale is deleted as it is sent.
            Assert.Equal(HttpStatusCode.OK, (await server.PostBytesAsync("/api/upscale?scale=2", png)).StatusCode);
            Assert.Empty(server.TempFiles());

            // A page job keeps its result until DELETE ...
            string id = (await ReadJobAsync(await server.PostFormAsync("/api/jobs?scale=2", png, "a.png"))).GetProperty("id").GetString()!;
            await WaitForStateAsync(server, id, "done");
            Assert.Single(server.TempFiles());
            Assert.Equal(HttpStatusCode.NoContent, (await server.Client.DeleteAsync($"/api/jobs/{id}")).StatusCode);
            Assert.Empty(server.TempFiles());
            Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"/api/jobs/{id}")).StatusCode);

            // ... or until it expires.
            id = (await ReadJobAsync(await server.PostFormAsync("/api/jobs?scale=2", png, "b.png"))).GetProperty("id").GetString()!;
            await WaitForStateAsync(server, id, "done");
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (server.TempFiles().Length > 0 && DateTime.UtcNow < deadline) await Task.Delay(100);
            Assert.Empty(server.TempFiles());
            Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"/api/jobs/{id}")).StatusCode);

            // A result left at shutdown goes with the folder.
            await server.PostFormAsync("/api/jobs?scale=2", png, "c.png");
            await server.Server.DisposeAsync();
            Assert.False(Directory.Exists(folder));
            Assert.Empty(Directory.GetFileSystemEntries(server.TempRoot));
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Page_IsServedWithItsScript()
    {
        await using var server = await RunningServer.StartAsync();
        var html = await server.Client.GetStringAsync("/");
        Assert.Contains("<script src=\"/app.js\"", html);
        Assert.Contains("EventSource", await server.Client.GetStringAsync("/app.js"));
        var missing = await server.Client.GetAsync("/api/nothing");
        Assert.Equal("not_found", (await ReadErrorAsync(missing, HttpStatusCode.NotFound)).Code);
    }

    internal static async Task<(string Code, string Message)> ReadErrorAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement;
        return (json.GetProperty("code").GetString()!, json.GetProperty("error").GetString()!);
    }

    private static async Task<JsonElement> ReadJobAsync(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"expected 202, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static async Task<JsonElement> WaitForStateAsync(RunningServer server, string id, string state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var job = JsonDocument.Parse(await server.Client.GetStringAsync($"/api/jobs/{id}")).RootElement;
            if (job.GetProperty("state").GetString() == state) return job;
            Assert.True(DateTime.UtcNow < deadline, $"job {id} still {job.GetProperty("state")} after 60 s");
            await Task.Delay(50);
        }
    }
}
