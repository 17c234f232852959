using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace SuperRes.Tensors.Kernels;

/// <summary>
/// Measures conv2d throughput and the CPU's fp32 FMA peak; used by the benchmark project and by
/// `superres bench engine`. Times are best-of-repeats since the machine is shared.
/// </summary>
public static unsafe class ConvBenchmark
{
    /// <summary>
    /// The SR hot case: 3x3 64->64, pad 1, on one large and one batched small input; and 32->32 at both
    /// LapSRN x4 level sizes of a 256x256 image (narrow networks such as the built-in model).
    /// </summary>
    public static IReadOnlyList<Conv2dGeometry> StandardShapes { get; } =
    [
        new(1, 64, 256, 256, 64, 3, 3, 1, 1, 1, 1, 1, 1),
        new(16, 64, 64, 64, 64, 3, 3, 1, 1, 1, 1, 1, 1),
        new(1, 32, 256, 256, 32, 3, 3, 1, 1, 1, 1, 1, 1),
        new(1, 32, 512, 512, 32, 3, 3, 1, 1, 1, 1, 1, 1),
    ];

    /// <summary>The ends of SR nets and small ops, where fixed costs (padding, packing, dispatch) show.</summary>
    public static IReadOnlyList<Conv2dGeometry> EdgeShapes { get; } =
    [
        new(1, 3, 256, 256, 64, 3, 3, 1, 1, 1, 1, 1, 1),
        new(1, 64, 256, 256, 3, 3, 3, 1, 1, 1, 1, 1, 1),
        new(1, 1, 256, 256, 64, 3, 3, 1, 1, 1, 1, 1, 1),
        new(1, 64, 256, 256, 64, 1, 1),
        new(1, 64, 32, 32, 64, 3, 3, 1, 1, 1, 1, 1, 1),
        new(1, 64, 64, 64, 64, 4, 4, 2, 2, 1, 1, 1, 1),
    ];

    public static string Describe(in Conv2dGeometry g) =>
        $"{g.Batch}x{g.InChannels}x{g.InHeight}x{g.InWidth} k{g.KernelHeight}x{g.KernelWidth}" +
        (g.StrideH > 1 ? $"s{g.StrideH}" : "") + $"->{g.OutChannels}";

    public static ConvBenchmarkResult Measure(IConv2dKernel kernel, Conv2dGeometry g, int threads, int repeats)
    {
        int previous = KernelWorkerPool.ThreadCount;
        KernelWorkerPool.ThreadCount = threads;
        float* input = Fill(g.InputLength, 1), weight = Fill(g.WeightLength, 2), bias = Fill(g.OutChannels, 3);
        float* output = Fill(g.OutputLength, 4), gradInput = Fill(g.InputLength, 5), gradWeight = Fill(g.WeightLength, 6);
        float* gradBias = Fill(g.OutChannels, 7);
        try
        {
            double forward = double.MaxValue, backwardInput = double.MaxValue, backwardWeight = double.MaxValue;
            double forwardCpu = double.MaxValue, backwardCpu = double.MaxValue;
            for (int r = 0; r < repeats + 1; r++) // the first round warms up (JIT tiers, scratch buffers)
            {
                double c0 = ProcessCpuSeconds();
                long t0 = Stopwatch.GetTimestamp();
                kernel.Forward(g, input, weight, bias, output);
                long t1 = Stopwatch.GetTimestamp();
                double c1 = ProcessCpuSeconds();
                kernel.BackwardInput(g, output, weight, gradInput);
                long t2 = Stopwatch.GetTimestamp();
                kernel.BackwardWeight(g, input, output, gradWeight, gradBias);
                long t3 = Stopwatch.GetTimestamp();
                double c2 = ProcessCpuSeconds();
                if (r == 0) continue;
                forwardCpu = Math.Min(forwardCpu, c1 - c0);
                backwardCpu = Math.Min(backwardCpu, c2 - c1);
                double f = Stopwatch.Frequency;
                forward = Math.Min(forward, (t1 - t0) / f);
                backwardInput = Math.Min(backwardInput, (t2 - t1) / f);
                backwardWeight = Math.Min(backwardWeight, (t3 - t2) / f);
            }
            return new ConvBenchmarkResult(Describe(g), kernel.ToString() ?? "?", threads, forward, backwardInput, backwardWeight,
                g.ForwardFlops / forward / 1e9, 2 * g.ForwardFlops / (backwardInput + backwardWeight) / 1e9,
                g.ForwardFlops / forwardCpu / 1e9, 2 * g.ForwardFlops / backwardCpu / 1e9);
        }
        finally
        {
            KernelWorkerPool.ThreadCount = previous;
            foreach (var p in new[] { (nint)input, (nint)weight, (nint)bias, (nint)output, (nint)gradInput, (nint)gradWeight, (nint)gradBias })
                NativeMemory.AlignedFree((void*)p);
        }
    }

    private static float _sink;

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, long* timespec);

    /// <summary>CPU time of the whole process (all threads); wall time where it cannot be read.</summary>
    private static double ProcessCpuSeconds()
    {
        if (OperatingSystem.IsLinux())
        {
            long* timespec = stackalloc long[2];
            if (ClockGetTime(2 /* CLOCK_PROCESS_CPUTIME_ID */, timespec) == 0) return timespec[0] + timespec[1] * 1e-9;
        }
        return Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
    }

    private static float* Fill(long length, int seed)
    {
        var p = (float*)NativeMemory.AlignedAlloc((nuint)(length * sizeof(float)), 64);
        var random = new Random(seed);
        for (long i = 0; i < length; i++) p[i] = (float)(random.NextDouble() - 0.5) * 0.1f;
        return p;
    }

    /// <summary>fp32 GFLOP/s of a register-only FMA loop on <paramref name="threads"/> threads at once, best of repeats.</summary>
    public static double MeasureFmaPeak(int threads, int repeats = 3)
    {
        double best = 0;
        for (int r = 0; r < repeats; r++)
        {
            const long iterations = 20_000_000;
            var workers = new Thread[threads];
            double[] flops = new double[threads];
            long start = Stopwatch.GetTimestamp();
            for (int t = 0; t < threads; t++)
            {
                int index = t;
                workers[t] = new Thread(() => flops[index] = FmaLoop(iterations));
                workers[t].Start();
            }
            foreach (var w in workers) w.Join();
            double seconds = (Stopwatch.GetTimestamp() - start) / (double)Stopwatch.Frequency;
            best = Math.Max(best, flops.Sum() / seconds / 1e9);
        }
        return best;
    }

    /// <summary>Ten independent FMA chains (enough to cover latency x ports); returns flops done.</summary>
    private static double FmaLoop(long iterations)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            var m = Vector256.Create(0.999999f);
            var a = Vector256.Create(1e-7f);
            // Distinct starting values, so the JIT cannot merge the chains.
            Vector256<float> c0 = Vector256.Create(1.0f), c1 = Vector256.Create(1.1f), c2 = Vector256.Create(1.2f), c3 = Vector256.Create(1.3f),
                c4 = Vector256.Create(1.4f), c5 = Vector256.Create(1.5f), c6 = Vector256.Create(1.6f), c7 = Vector256.Create(1.7f),
                c8 = Vector256.Create(1.8f), c9 = Vector256.Create(1.9f);
            for (long i = 0; i < iterations; i++)
            {
                c0 = Vector256.MultiplyAddEstimate(c0, m, a); c1 = Vector256.MultiplyAddEstimate(c1, m, a);
                c2 = Vector256.MultiplyAddEstimate(c2, m, a); c3 = Vector256.MultiplyAddEstimate(c3, m, a);
                c4 = Vector256.MultiplyAddEstimate(c4, m, a); c5 = Vector256.MultiplyAddEstimate(c5, m, a);
                c6 = Vector256.MultiplyAddEstimate(c6, m, a); c7 = Vector256.MultiplyAddEstimate(c7, m, a);
                c8 = Vector256.MultiplyAddEstimate(c8, m, a); c9 = Vector256.MultiplyAddEstimate(c9, m, a);
            }
            var sum = c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9;
            Volatile.Write(ref _sink, sum.ToScalar()); // keeps the loop alive
            return iterations * 10.0 * 2 * Vector256<float>.Count;
        }
        else
        {
            var m = Vector128.Create(0.999999f);
            var a = Vector128.Create(1e-7f);
            // Distinct starting values, so the JIT cannot merge the chains.
            Vector128<float> c0 = Vector128.Create(1.0f), c1 = Vector128.Create(1.1f), c2 = Vector128.Create(1.2f), c3 = Vector128.Create(1.3f),
                c4 = Vector128.Create(1.4f), c5 = Vector128.Create(1.5f), c6 = Vector128.Create(1.6f), c7 = Vector128.Create(1.7f),
                c8 = Vector128.Create(1.8f), c9 = Vector128.Create(1.9f);
            for (long i = 0; i < iterations; i++)
            {
                c0 = Vector128.MultiplyAddEstimate(c0, m, a); c1 = Vector128.MultiplyAddEstimate(c1, m, a);
                c2 = Vector128.MultiplyAddEstimate(c2, m, a); c3 = Vector128.MultiplyAddEstimate(c3, m, a);
                c4 = Vector128.MultiplyAddEstimate(c4, m, a); c5 = Vector128.MultiplyAddEstimate(c5, m, a);
                c6 = Vector128.MultiplyAddEstimate(c6, m, a); c7 = Vector128.MultiplyAddEstimate(c7, m, a);
                c8 = Vector128.MultiplyAddEstimate(c8, m, a); c9 = Vector128.MultiplyAddEstimate(c9, m, a);
            }
            var sum = c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9;
            Volatile.Write(ref _sink, sum.ToScalar()); // keeps the loop alive
            return iterations * 10.0 * 2 * Vector128<float>.Count;
        }
    }

    /// <summary>A table of results; fwd/peak and bwd/peak divide wall-time GFLOP/s by <paramref name="peakGflops"/>.
    /// Winograd paths do fewer flops than they are credited with (direct-conv flops), so can pass 100 %.</summary>
    public static string FormatTable(IEnumerable<ConvBenchmarkResult> results, double peakGflops)
    {
        var text = new StringBuilder();
        text.AppendLine($"{"shape",-30} {"kernel",-10} {"thr",3} {"fwd ms",8} {"bwdI ms",8} {"bwdW ms",8} {"fwd GF/s",9} {"bwd GF/s",9} {"fwd/peak",8} {"bwd/peak",8} {"fwd cpu",8} {"bwd cpu",8}");
        foreach (var r in results)
            text.AppendLine($"{r.Shape,-30} {r.Kernel,-10} {r.Threads,3} {r.ForwardSeconds * 1e3,8:F1} {r.BackwardInputSeconds * 1e3,8:F1} {r.BackwardWeightSeconds * 1e3,8:F1} " +
                            $"{r.ForwardGflops,9:F1} {r.BackwardGflops,9:F1} {r.ForwardGflops / peakGflops,8:P0} {r.BackwardGflops / peakGflops,8:P0} {r.ForwardCpuGflops,8:F1} {r.BackwardCpuGflops,8:F1}");
        return text.ToString();
    }
}
