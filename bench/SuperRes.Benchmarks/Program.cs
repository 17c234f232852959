using System.Diagnostics;
using System.Text.Json;
using SuperRes.Tensors.Kernels;

// Usage: dotnet run -c Release --project bench/SuperRes.Benchmarks -- [repeats] [threads,...] [--no-torch] [--direct]
//        ... -- --check   (Best against the reference; tests run it with ISAs disabled)
//        ... -- --layers [size] [width] [depth] [--unfused] [--threads N] [--no-torch] [--no-onnxruntime]
//               (per-op times of a LapSRN x4 forward pass, beside PyTorch's and ONNX Runtime's; PyTorch's training step by operator)
//        ... -- --onnx-peer save|time ...   (ONNX Runtime on several exports of the same network; see OnnxExportPeer)
//        ... -- --winograd-tiles [rounds]   (LapSRN with F(2x2,3x3) against F(4x4,3x3), interleaved; see WinogradTiles)
//        ... -- --png-levels FILE            (our PNG encoder at zlib levels 1-9: size and time; see PngLevels)
// Measures the FMA peak, our conv kernel and (when Debian's python3-torch is installed) PyTorch,
// interleaved in the same run, since the machine is shared and absolute numbers drift.
if (args.Contains("--check")) return CheckKernels.Run();
if (args.Contains("--layers")) return LayerProfile.Run(args);
if (args.Contains("--onnx-peer")) return OnnxExportPeer.Run(args);
if (args.Contains("--winograd-tiles")) return WinogradTiles.Run(args);
if (args.Contains("--png-levels")) return PngLevels.Run(args);
int repeats = args.Length > 0 && int.TryParse(args[0], out int r) ? r : 5;
int[] threadCounts = args.Length > 1 && !args[1].StartsWith("--") ? args[1].Split(',').Select(int.Parse).ToArray()
    : [1, Environment.ProcessorCount];
bool torch = !args.Contains("--no-torch") && File.Exists("/usr/bin/python3");
Conv2dKernels.AllowWinograd = !args.Contains("--direct");
string script = Path.Combine(AppContext.BaseDirectory, "torch", "conv_bench.py");

double peak1 = ConvBenchmark.MeasureFmaPeak(1), peakAll = ConvBenchmark.MeasureFmaPeak(Environment.ProcessorCount);
Console.WriteLine($"Winograd: {(Conv2dKernels.AllowWinograd ? "on (GFLOP/s count direct-conv flops)" : "off")}");
Console.WriteLine($"fp32 FMA peak: {peak1:F1} GFLOP/s on 1 thread, {peakAll:F1} on {Environment.ProcessorCount}");
foreach (int threads in threadCounts)
{
    var ours = ConvBenchmark.StandardShapes.Select(g => ConvBenchmark.Measure(Conv2dKernels.Best, g, threads, repeats)).ToList();
    // The machine is shared: take the best peak seen, measured next to each table.
    peak1 = Math.Max(peak1, ConvBenchmark.MeasureFmaPeak(1));
    peakAll = Math.Max(peakAll, ConvBenchmark.MeasureFmaPeak(Environment.ProcessorCount));
    Console.Write(ConvBenchmark.FormatTable(ours, threads == 1 ? peak1 : peakAll));
    if (!torch) continue;
    var peer = RunTorch(script, repeats, threads);
    if (peer == null) { torch = false; continue; }
    foreach (var t in peer.RootElement.GetProperty("results").EnumerateArray())
    {
        string shape = t.GetProperty("shape").GetString()!;
        var mine = ours.First(o => o.Shape == shape);
        double tf = t.GetProperty("forward_gflops").GetDouble(), tb = t.GetProperty("backward_gflops").GetDouble();
        Console.WriteLine($"  torch {t.GetProperty("layout").GetString(),-14} {shape,-26} fwd {tf,6:F1} bwd {tb,6:F1} GF/s" +
                          $"   ours/torch: fwd {mine.ForwardGflops / tf:F2}x bwd {mine.BackwardGflops / tb:F2}x");
    }
}

Console.WriteLine("Edge shapes (ends of SR nets, small and strided convs):");
foreach (int threads in threadCounts)
    Console.Write(ConvBenchmark.FormatTable(
        ConvBenchmark.EdgeShapes.Select(g => ConvBenchmark.Measure(Conv2dKernels.Best, g, threads, repeats)), threads == 1 ? peak1 : peakAll));
Console.WriteLine($"fp32 FMA peak (best seen): {peak1:F1} GFLOP/s on 1 thread, {peakAll:F1} on {Environment.ProcessorCount}");

return 0;

static JsonDocument? RunTorch(string script, int repeats, int threads)
{
    var start = new ProcessStartInfo("/usr/bin/python3", [script, repeats.ToString(), threads.ToString()])
        { RedirectStandardOutput = true, RedirectStandardError = true };
    using var process = Process.Start(start)!;
    string stdout = process.StandardOutput.ReadToEnd();
    string stderr = process.StandardError.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode == 0) return JsonDocument.Parse(stdout);
    Console.WriteLine($"  (PyTorch peer skipped: {stderr.Trim().Split('\n').LastOrDefault()})");
    return null;
}

