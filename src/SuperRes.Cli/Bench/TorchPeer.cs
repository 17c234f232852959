using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace SuperRes.Cli.Bench;

/// <summary>
/// Runs the PyTorch peers (bench/torch/*.py) with Debian's /usr/bin/python3 when it can import
/// torch, on the same number of threads as our side (OMP_NUM_THREADS and torch.set_num_threads),
/// with the same shapes. Each script reports the thread count torch ran with, which is checked.
/// </summary>
public sealed class TorchPeer(string scriptsFolder, int threads, string python = "/usr/bin/python3")
{
    public int Threads { get; } = Math.Max(1, threads);

    /// <summary>The folder of the scripts: bench/torch found upward from the current folder or the executable.</summary>
    public static string? FindScripts()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "bench", "torch");
                if (File.Exists(Path.Combine(candidate, "lapsrn_bench.py"))) return candidate;
            }
        return null;
    }

    /// <summary>Null when torch is importable, otherwise why not.</summary>
    public string? Unavailable()
    {
        if (!File.Exists(python)) return $"{python} not found";
        var (code, _, error) = Run(["-c", "import torch"]);
        return code == 0 ? null : $"{python} cannot import torch ({error.Trim().Split('\n')[^1]}); apt-get install -y python3-torch";
    }

    public void Conv(BenchSizes sizes, BenchResults results)
    {
        using var doc = Json(Run([Path.Combine(scriptsFolder, "conv_bench.py"), sizes.Repeats.ToString(CultureInfo.InvariantCulture), $"{Threads}"]));
        results.TorchVersion = doc.RootElement.GetProperty("torch").GetString();
        results.TorchThreads = CheckedThreads(doc);
        foreach (var r in doc.RootElement.GetProperty("results").EnumerateArray())
        {
            if (r.GetProperty("layout").GetString() != "nchw") continue;
            var shape = r.GetProperty("shape").GetString()!;
            results.TorchConvForwardGflops[shape] = r.GetProperty("forward_gflops").GetDouble();
            results.TorchConvBackwardGflops[shape] = r.GetProperty("backward_gflops").GetDouble();
        }
    }

    public double TrainStepMs(BenchSizes sizes, BenchResults? results = null) => LapSrn("train", sizes, "train_step_ms", results);

    public double LapSrnSeconds(BenchSizes sizes, BenchResults? results = null) => LapSrn("infer", sizes, "lapsrn_x4_256_seconds", results);

    private double LapSrn(string mode, BenchSizes sizes, string key, BenchResults? results)
    {
        int[] numbers = [sizes.Width, sizes.Depth, sizes.Batch, sizes.Patch, sizes.InferenceSize, sizes.Repeats, Threads];
        using var doc = Json(Run([Path.Combine(scriptsFolder, "lapsrn_bench.py"), mode, .. numbers.Select(n => n.ToString(CultureInfo.InvariantCulture))]));
        int torchThreads = CheckedThreads(doc);
        if (results is not null)
        {
            results.TorchVersion = doc.RootElement.GetProperty("torch").GetString();
            results.TorchThreads = torchThreads;
        }
        return doc.RootElement.GetProperty(key).GetDouble();
    }

    /// <summary>The thread count torch reports; not ours is a failed comparison, not a figure.</summary>
    private int CheckedThreads(JsonDocument doc)
    {
        int reported = doc.RootElement.GetProperty("threads").GetInt32();
        if (reported != Threads) throw new CliException(ExitCodes.InternalError, $"PyTorch ran on {reported} threads, not the {Threads} asked for");
        return reported;
    }

    private static JsonDocument Json((int Code, string Output, string Error) run)
    {
        if (run.Code != 0) throw new CliException(ExitCodes.InternalError, $"PyTorch benchmark failed: {run.Error.Trim().Split('\n')[^1]}");
        return JsonDocument.Parse(run.Output);
    }

    private (int Code, string Output, string Error) Run(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        info.Environment["OMP_NUM_THREADS"] = $"{Threads}";
        info.Environment["MKL_NUM_THREADS"] = $"{Threads}";
        using var process = Process.Start(info) ?? throw new CliException(ExitCodes.InternalError, $"cannot start {python}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}
