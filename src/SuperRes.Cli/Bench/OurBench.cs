using System.Diagnostics;
using SuperRes.Inference;
using SuperRes.Losses;
using SuperRes.Models;
using SuperRes.Processing;
using SuperRes.Tensors;
using SuperRes.Tensors.Kernels;
using SuperRes.Tensors.Optim;

namespace SuperRes.Cli.Bench;

/// <summary>Our side of `superres bench`: conv kernels, a LapSRN-sized training step, LapSRN inference. Best of the repeats after a warm-up.</summary>
public static class OurBench
{
    public static void Conv(BenchSizes sizes, BenchResults results)
    {
        foreach (var g in sizes.Conv)
        {
            var r = ConvBenchmark.Measure(Conv2dKernels.Best, g, KernelWorkerPool.ThreadCount, sizes.Repeats);
            results.ConvForwardGflops[r.Shape] = r.ForwardGflops;
            results.ConvBackwardGflops[r.Shape] = r.BackwardGflops;
        }
    }

    /// <summary>One Adam step of LapSRN x4 (Charbonnier loss at both levels, as the paper trains it) on random data.</summary>
    public static double TrainStepMs(BenchSizes sizes)
    {
        var rng = new Rng(1);
        using var model = new LapSrn(new LapSrnOptions { Scale = 4, Width = sizes.Width, Depth = sizes.Depth }, rng);
        model.Train();
        using var adam = new Adam(model.Parameters(), 1e-4);
        var loss = new PixelLoss(PixelLossKind.Charbonnier);
        int b = sizes.Batch, p = sizes.Patch;
        using var lr = Tensor.RandomUniform(rng, 0, 1, b, 1, p, p);
        using var x2 = Tensor.RandomUniform(rng, 0, 1, b, 1, 2 * p, 2 * p);
        using var x4 = Tensor.RandomUniform(rng, 0, 1, b, 1, 4 * p, 4 * p);
        return Best(sizes.Repeats, () =>
        {
            using var tape = new Tape();
            adam.ZeroGrad();
            var levels = model.ForwardLevels(lr);
            var total = Ops.Add(loss.Compute(levels[0], x2), loss.Compute(levels[1], x4));
            total.Backward();
            adam.Step();
        }) * 1e3;
    }

    /// <summary>LapSRN x4 (random weights: speed does not depend on them) on an n x n Y image through the <see cref="Upscaler"/>.</summary>
    public static double LapSrnSeconds(BenchSizes sizes) => LapSrnSeconds(sizes, new LapSrnShape(sizes.Width, sizes.Depth, sizes.InferenceSize, sizes.InferenceSize));

    /// <summary>A LapSRN x4 of the given shape on a random Y plane, one tile for the whole image (as PyTorch and ONNX Runtime run it).</summary>
    public static double LapSrnSeconds(BenchSizes sizes, LapSrnShape shape)
    {
        using var model = LapSrnOf(shape);
        var upscaler = new Upscaler(model, options: new UpscalerOptions { TileSize = Math.Max(shape.ImageWidth, shape.ImageHeight), Overlap = 0 });
        var plane = PlaneOf(shape);
        return Best(sizes.Repeats, () => upscaler.UpscalePlanes([plane]));
    }

    /// <summary>The benchmarked network: seeded, so every peer gets the same weights.</summary>
    public static LapSrn LapSrnOf(LapSrnShape shape) => new(new LapSrnOptions { Scale = 4, Width = shape.Width, Depth = shape.Depth }, new Rng(2));

    public static Plane PlaneOf(LapSrnShape shape)
    {
        var random = new Random(3);
        var plane = new Plane(shape.ImageWidth, shape.ImageHeight);
        for (int i = 0; i < plane.Data.Length; i++) plane.Data[i] = (float)(255 * random.NextDouble());
        return plane;
    }

    private static double Best(int repeats, Action run)
    {
        double best = double.MaxValue;
        for (int r = 0; r <= repeats; r++)
        {
            long start = Stopwatch.GetTimestamp();
            run();
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (r > 0 || repeats == 0) best = Math.Min(best, seconds); // the first round warms up
        }
        return best;
    }
}
