using System.Diagnostics;
using SuperRes.Inference;
using SuperRes.Models;
using SuperRes.Processing;
using SuperRes.Tensors;
using SuperRes.Tensors.Kernels;

/// <summary>
/// `--winograd-tiles [rounds]`: LapSRN x4 forward passes with 3x3 convs as Winograd F(2x2,3x3) and as
/// F(4x4,3x3), interleaved in one process (the machine drifts between runs): the bench shapes whole
/// (w64 d10 on 256x256, w32 d5 on 250x361), and the built-in model through the tiler on comic.png's
/// size, where F(4x4,3x3)'s wider rounding reach widens the tiles' overlap. Best of the rounds after one warm-up.
/// </summary>
internal static class WinogradTiles
{
    public static int Run(string[] args)
    {
        int rounds = args.Length > 1 && int.TryParse(args[1], out int r) ? r : 5;
        Console.WriteLine($"{MachineInfo.Current().Describe(KernelWorkerPool.ThreadCount)}; best of {rounds} interleaved rounds");
        Console.WriteLine($"  {"network, input",-52} {"F(2x2,3x3)",11} {"F(4x4,3x3)",11} {"ratio",6}");
        Whole(64, 10, 256, 256, rounds);
        Whole(32, 5, 361, 250, rounds);
        Tiled(rounds);
        Conv2dKernels.AllowLargeWinogradTiles = true;
        return 0;
    }

    private static void Whole(int width, int depth, int height, int imageWidth, int rounds)
    {
        using var model = new LapSrn(new LapSrnOptions { Scale = 4, Width = width, Depth = depth }, new Rng(2));
        using var x = Tensor.RandomUniform(new Rng(3), 0, 1, 1, 1, height, imageWidth);
        var best = Interleave(rounds, () =>
        {
            using var tape = new Tape();
            using var noGrad = Tape.NoGrad();
            model.Forward(x);
        });
        Print($"LapSRN x4 w{width} d{depth}, {imageWidth}x{height}, whole", best);
    }

    private static void Tiled(int rounds)
    {
        using var model = BuiltInModel.Load() ?? throw new InvalidOperationException("no built-in model");
        var random = new Random(3);
        var plane = new Plane(250, 361);
        for (int i = 0; i < plane.Data.Length; i++) plane.Data[i] = (float)(255 * random.NextDouble());
        var overlaps = new int[2];
        var best = Interleave(rounds, () =>
        {
            var upscaler = new Upscaler(model); // probed again per mode: the overlap follows the kernel
            upscaler.UpscalePlanes([plane]);
            overlaps[Conv2dKernels.AllowLargeWinogradTiles ? 1 : 0] = upscaler.Overlap;
        });
        Print($"built-in model, 250x361, tiled (overlap {overlaps[0]} / {overlaps[1]})", best);
    }

    private static double[] Interleave(int rounds, Action run)
    {
        var best = new[] { double.MaxValue, double.MaxValue };
        for (int round = 0; round <= rounds; round++)
            for (int mode = 0; mode < 2; mode++)
            {
                Conv2dKernels.AllowLargeWinogradTiles = mode == 1;
                long start = Stopwatch.GetTimestamp();
                run();
                if (round > 0) best[mode] = Math.Min(best[mode], Stopwatch.GetElapsedTime(start).TotalSeconds);
            }
        return best;
    }

    private static void Print(string label, double[] best) =>
        Console.WriteLine($"  {label,-52} {best[0],9:F3} s {best[1],9:F3} s {best[1] / best[0],5:F2}x");
}
