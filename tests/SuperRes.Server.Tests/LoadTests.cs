using System.Diagnostics;
using System.Net;
using System.Text.Json;
using SuperRes.Imaging;
using Xunit.Abstractions;

namespace SuperRes.Server.Tests;

/// <summary>
/// A short load test on loopback, bounded in count (200 requests, 8 at a time) and time: every request
/// gets a result or a 503, the queue never holds more than its capacity, and memory does not grow.
/// The longer measured run is bench/serve-load.sh (docs/SERVE.md).
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class LoadTests(ITestOutputHelper output)
{
    private const int Requests = 200;
    private const int Concurrency = 8;
    private const int Capacity = 4;

    [Fact]
    public async Task Upscale_200RequestsEightAtATime_NoneLostQueueBoundedMemoryFlat()
    {
        await using var server = await RunningServer.StartAsync(new ServerOptions { QueueCapacity = Capacity });
        var inputs = Enumerable.Range(0, 8).Select(seed => RunningServer.Png(RunningServer.TestImage(16, 12, seed: seed))).ToArray();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        // Warm up (JIT, the model's probe), then measure managed memory from here.
        Assert.Equal(HttpStatusCode.OK, (await server.PostBytesAsync("/api/upscale?scale=2", inputs[0])).StatusCode);
        long before = ManagedBytesAfterCollection();

        int ok = 0, busy = 0, next = -1;
        var latencies = new double[Requests];
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Requests)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await server.PostBytesAsync("/api/upscale?scale=2", inputs[i % inputs.Length], timeout.Token);
                var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (response.StatusCode == HttpStatusCode.OK && ImageCodecs.Decode(body) is { Width: 32, Height: 24 })
                    Interlocked.Increment(ref ok);
                else if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1))
                    Interlocked.Increment(ref busy);
                else
                    lock (failures) failures.Add($"request {i}: {(int)response.StatusCode} {response.Content.Headers.ContentType}");
            }
        })));
        clock.Stop();
        long after = ManagedBytesAfterCollection();

        var status = JsonDocument.Parse(await server.Client.GetStringAsync("/api/status")).RootElement;
        Array.Sort(latencies);
        output.WriteLine($"{Requests} requests, {Concurrency} at a time, queue {Capacity}: {ok} ok, {busy} busy (503) in {clock.Elapsed.TotalSeconds:F1} s; " +
            $"latency p50 {latencies[Requests / 2]:F0} ms, p95 {latencies[Requests * 95 / 100]:F0} ms, max {latencies[^1]:F0} ms; " +
            $"managed heap {before >> 20} -> {after >> 20} MiB; most queued {status.GetProperty("maxQueued").GetInt32()}");

        Assert.Empty(failures);
        Assert.Equal(Requests, ok + busy);
        Assert.True(ok > 0, "some requests were served");
        Assert.Equal(ok + 1, status.GetProperty("completed").GetInt32()); // + the warm-up
        Assert.Equal(busy, status.GetProperty("rejected").GetInt32());
        Assert.InRange(status.GetProperty("maxQueued").GetInt32(), 1, Capacity);
        Assert.Equal(0, status.GetProperty("queued").GetInt32());
        Assert.Empty(server.TempFiles());
        Assert.True(after - before < 32L << 20, $"managed memory grew by {(after - before) >> 20} MiB over the run");
    }

    private static long ManagedBytesAfterCollection()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
