using System.Text.Json;
using SuperRes.Cli;
using SuperRes.Cli.Bench;
using SuperRes.Tests.Evaluation;

namespace SuperRes.Tests.Cli;

/// <summary>The bench code paths on tiny shapes (<c>--quick</c>); real figures come from the command line only.</summary>
public sealed class BenchCommandTests : IDisposable
{
    private readonly string _root = TestImages.TempFolder();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Bench_QuickAll_WritesEveryKey()
    {
        var json = Path.Combine(_root, "bench.json");

        var (code, output, error) = CliHarness.Run("bench", "all", "--quick", "--no-torch", "--json", json);

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("LapSRN x4 inference", output);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        foreach (var key in new[] { "conv_fwd_gflops", "conv_bwd_gflops" })
            Assert.All(root.GetProperty(key).EnumerateObject(), p => Assert.True(p.Value.GetDouble() > 0));
        Assert.True(root.GetProperty("train_step_ms").GetDouble() > 0);
        Assert.True(root.GetProperty("lapsrn_x4_256_seconds").GetDouble() > 0);
        Assert.False(root.TryGetProperty("torch_train_step_ms", out _));
        // Each community family, ours and ONNX Runtime's on the same weights.
        var ours = root.GetProperty("model_seconds").EnumerateObject().Select(p => p.Name).ToList();
        var ort = root.GetProperty("ort_model_seconds").EnumerateObject().ToList();
        Assert.Equal(["rrdbnet x4", "srvggnet-compact x4", "span x4"], ours);
        Assert.Equal(ours, ort.Select(p => p.Name));
        Assert.All(ort, p => Assert.True(p.Value.GetDouble() >= 0)); // tiny quick shapes may round to 0.000
    }

    [Fact]
    public void Bench_QuickLapSrnOnly_SkipsTheEngine()
    {
        var json = Path.Combine(_root, "bench.json");
        var (code, _, error) = CliHarness.Run("bench", "lapsrn", "--quick", "--no-torch", "--json", json);
        Assert.True(code == ExitCodes.Success, error);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.False(doc.RootElement.TryGetProperty("train_step_ms", out _));
        Assert.True(doc.RootElement.TryGetProperty("lapsrn_x4_256_seconds", out _));
    }

    [Fact]
    public void Bench_QuickUpscale_TimesTheNetworkInsideTheEndToEndRun()
    {
        var json = Path.Combine(_root, "bench.json");
        var (code, output, error) = CliHarness.Run("bench", "upscale", "--quick", "--json", json);
        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("end to end / network", output);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        double e2e = doc.RootElement.GetProperty("upscale_e2e_seconds").GetDouble();
        double network = doc.RootElement.GetProperty("upscale_network_seconds").GetDouble();
        Assert.InRange(network, 1e-6, e2e); // the passes happen inside the timed run: never longer than it
        Assert.InRange(doc.RootElement.GetProperty("upscale_overhead_ratio").GetDouble() / (e2e / network), 0.95, 1.05); // figures are rounded to 4 decimals
        Assert.False(doc.RootElement.TryGetProperty("lapsrn_x4_256_seconds", out _));
    }

    [Fact]
    public void TorchPeer_QuickLapSrn_RunsWhereTorchIsInstalled()
    {
        var scripts = TorchPeer.FindScripts();
        Assert.NotNull(scripts); // the repository's bench/torch, found from the test's folder
        var peer = new TorchPeer(scripts);
        if (peer.Unavailable() is { } why)
        {
            Assert.Contains("torch", why); // the machine has no PyTorch: the reason says so
            return;
        }
        Assert.True(peer.LapSrnSeconds(BenchSizes.Quick) > 0);
    }
}
