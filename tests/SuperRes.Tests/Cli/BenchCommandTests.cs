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
    public void Bench_QuickModels_AtAGivenInputSide_NamesItInTheKeys()
    {
        var json = Path.Combine(_root, "bench.json");
        var (code, _, error) = CliHarness.Run("bench", "models", "--quick", "--no-onnxruntime", "--input", "12", "--json", json);
        Assert.True(code == ExitCodes.Success, error);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var keys = doc.RootElement.GetProperty("model_seconds").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["rrdbnet x4 12x12", "span x4 12x12", "srvggnet-compact x4 12x12"], keys.Order());
        foreach (var side in new[] { "3", "13", "2052" })
        {
            var (bad, _, badError) = CliHarness.Run("bench", "models", "--quick", "--input", side);
            Assert.Equal(ExitCodes.Usage, bad);
            Assert.Contains($"--input must be a multiple of 4 from 4 to 2048 pixels (RRDBNet x2 and x1 unshuffle their input), not {side}.", badError);
        }
    }

    [Fact]
    public void Bench_QuickUpscale_TimesTheNetworkAlone_AndInsideTheEndToEndRun()
    {
        var json = Path.Combine(_root, "bench.json");
        var (code, output, error) = CliHarness.Run("bench", "upscale", "--quick", "--json", json);
        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("end to end / network alone", output);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        double e2e = doc.RootElement.GetProperty("upscale_e2e_seconds").GetDouble();
        double network = doc.RootElement.GetProperty("upscale_network_seconds").GetDouble();
        double inRun = doc.RootElement.GetProperty("upscale_network_in_run_seconds").GetDouble();
        Assert.InRange(inRun, 1e-6, e2e); // these passes happen inside the timed run: never longer than it
        Assert.True(network > 0, $"network passes alone: {network} s");
        // The ratio is one pair's (the median), not best over best; a quick run has one pair, whose bare run is also the fastest.
        Assert.InRange(doc.RootElement.GetProperty("upscale_overhead_ratio").GetDouble() / (e2e / network), 0.95, 1.05); // figures are rounded to 4 decimals
        Assert.False(doc.RootElement.TryGetProperty("lapsrn_x4_256_seconds", out _));
    }

    [Fact]
    public void Bench_Json_RecordsThreadsAndTheMachine()
    {
        var json = Path.Combine(_root, "bench.json");

        var (code, output, error) = CliHarness.Run("bench", "lapsrn", "--quick", "--no-torch", "--threads", "1", "--json", json);

        Assert.True(code == ExitCodes.Success, error);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("threads").GetInt32());
        Assert.Equal(1, root.GetProperty("ort_threads").GetInt32());
        var machine = SuperRes.Tensors.Kernels.MachineInfo.Current();
        Assert.Equal(machine.CpuModel, root.GetProperty("cpu_model").GetString());
        Assert.Equal(machine.CpuHasAvx512 ? "yes" : "no", root.GetProperty("avx512").GetString());
        Assert.Equal(System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription, root.GetProperty("dotnet_version").GetString());
        Assert.Contains("1 thread(s) on every side; " + machine.CpuModel, output);
    }

    [Fact]
    public void MachineInfo_FromText_ReadsModelFlagsAndLoad()
    {
        const string cpuinfo = "processor\t: 0\nmodel name\t: Test CPU 9000\nflags\t\t: fpu sse2 avx2 avx512f avx512bw\n\nprocessor\t: 1\nmodel name\t: Test CPU 9000\n";

        var machine = SuperRes.Tensors.Kernels.MachineInfo.FromText(cpuinfo, "3.25 2.00 1.00 1/100 42\n", true, ".NET 10.0.0", 2);
        var plain = SuperRes.Tensors.Kernels.MachineInfo.FromText(cpuinfo.Replace(" avx512f", ""), "0.50 0 0", false, ".NET 10.0.0", 2);

        Assert.Equal("Test CPU 9000", machine.CpuModel);
        Assert.True(machine.CpuHasAvx512);
        Assert.Equal(3.25, machine.LoadAverage);
        Assert.Contains("load average 3.25 (loaded", machine.Describe(2));
        Assert.False(plain.CpuHasAvx512); // avx512bw alone is not AVX-512 Foundation
        Assert.DoesNotContain("loaded", plain.Describe(2));
    }

    [TorchFact]
    public void TorchPeer_QuickLapSrn_RunsOnTheGivenThreads()
    {
        var peer = new TorchPeer(TorchPeer.FindScripts()!, 1);
        var results = new BenchResults { Threads = 1 };

        double seconds = peer.LapSrnSeconds(BenchSizes.Quick, results);

        Assert.True(seconds > 0);
        Assert.Equal(1, results.TorchThreads);
        Assert.NotNull(results.TorchVersion);
    }
}
