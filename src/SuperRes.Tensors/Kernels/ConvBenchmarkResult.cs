namespace SuperRes.Tensors.Kernels;

/// <summary>
/// One conv benchmark line. Forward GFLOP/s = forward flops / forward time; backward GFLOP/s =
/// 2 x forward flops / (BackwardInput + BackwardWeight time). Best of the repeats. The Cpu figures
/// divide by process CPU time instead of wall time (GFLOP/s per busy core): on a shared machine they
/// show what the code does when it gets a core, where wall time also counts waiting for one.
/// </summary>
public sealed record ConvBenchmarkResult(
    string Shape, string Kernel, int Threads, double ForwardSeconds, double BackwardInputSeconds, double BackwardWeightSeconds,
    double ForwardGflops, double BackwardGflops, double ForwardCpuGflops, double BackwardCpuGflops)
{
    public double BackwardSeconds => BackwardInputSeconds + BackwardWeightSeconds;
}
