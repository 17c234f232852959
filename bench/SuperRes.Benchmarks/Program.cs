using SuperRes.Tensors.Kernels;

// Usage: dotnet run -c Release --project bench/SuperRes.Benchmarks [repeats] [threads,...]
int repeats = args.Length > 0 ? int.Parse(args[0]) : 5;
int[] threadCounts = args.Length > 1 ? args[1].Split(',').Select(int.Parse).ToArray() : [1, Environment.ProcessorCount];
double peak1 = ConvBenchmark.MeasureFmaPeak(1), peakAll = ConvBenchmark.MeasureFmaPeak(Environment.ProcessorCount);
Console.WriteLine($"fp32 FMA peak: {peak1:F1} GFLOP/s on 1 thread, {peakAll:F1} on {Environment.ProcessorCount}");
var results = new List<ConvBenchmarkResult>();
foreach (var g in ConvBenchmark.StandardShapes)
    foreach (int threads in threadCounts)
        results.Add(ConvBenchmark.Measure(Conv2dKernels.Best, g, threads, repeats));
Console.Write(ConvBenchmark.FormatTable(results.Where(r => r.Threads == 1), peak1));
Console.Write(ConvBenchmark.FormatTable(results.Where(r => r.Threads > 1), peakAll));
