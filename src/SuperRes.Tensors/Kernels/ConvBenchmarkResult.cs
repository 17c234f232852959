namespace SuperRes.Tensors.Kernels;

/// <summary>
/// One conv benchmark line. Forward GFLOP/s = forward flops / forward time; backward GFLOP/s =
/// 2 x forward flops / (BackwardInput + BackwardWeight time). Best of the repeats.
/// </summary>
public sealed record ConvBenchmarkResult(
    string Shape, string Kernel, int Threads, double ForwardSeconds, double BackwardInputSeconds, double BackwardWeightSeconds,
    double ForwardGflops, double BackwardGflops)
{
    public double BackwardSeconds => BackwardInputSeconds + BackwardWeightSeconds;
}
