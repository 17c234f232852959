using System.Diagnostics;
using SuperRes.Tensors;
using SuperRes.Tensors.Kernels;

/// <summary>
/// `--layers [size] [width] [depth] [--unfused] [--threads N] [--no-torch] [--no-onnxruntime]
/// [--batch B] [--patch P]`: times each op of a LapSRN x4 forward pass at its real shapes (size x
/// size Y input), best of 3 per op, and the share of their sum; beside it PyTorch's time for the
/// same layer and ONNX Runtime's per-node times for the whole exported network, and PyTorch's
/// training step (batch B of P x P patches) by operator. Every side on N threads (default: every
/// core). `--unfused` runs our ops as separate passes (conv, then leaky ReLU; transposed conv by
/// col2im, then crop) as the engine did before its inference fast paths.
/// </summary>
internal static class LayerProfile
{
    public static int Run(string[] args)
    {
        int Option(string name, int fallback) => Array.IndexOf(args, name) is int i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
        int threads = Option("--threads", Environment.ProcessorCount), batch = Option("--batch", 16), patch = Option("--patch", 32);
        KernelWorkerPool.ThreadCount = threads;
        var named = new[] { "--threads", "--batch", "--patch" }.Select(n => Array.IndexOf(args, n)).Where(i => i >= 0).Select(i => i + 1).ToHashSet();
        var numbers = args.Where((a, i) => !named.Contains(i) && int.TryParse(a, out _)).Select(int.Parse).ToArray();
        int size = numbers.Length > 0 ? numbers[0] : 256, width = numbers.Length > 1 ? numbers[1] : 64, depth = numbers.Length > 2 ? numbers[2] : 10;
        bool unfused = args.Contains("--unfused");
        var rng = new Rng(1);
        Tensor R(params int[] d) => Tensor.RandomUniform(rng, -1, 1, d);
        var rows = new List<(string Name, double Seconds)>();
        using var noGrad = Tape.NoGrad();
        var w33 = R(width, width, 3, 3); var b = R(width); var wUp = R(width, width, 3, 3);
        var wIn = R(width, 1, 3, 3); var wRes = R(1, width, 3, 3); var b1 = R(1); var wImg = R(1, 1, 4, 4);
        var crop = new Padding2d(0, 0, 1, 1);
        rows.Add(("input conv 1->w + leaky", Time(() => ConvLeaky(R(1, 1, size, size), wIn, b, unfused))));
        for (int level = 0; level < 2; level++)
        {
            int s = size << level;
            string at = $" @{s}";
            var f = R(1, width, s, s);
            rows.Add(($"{depth} x conv w->w + leaky{at}", depth * Time(() => ConvLeaky(f, w33, b, unfused))));
            rows.Add(($"transposed conv w->w s2 + crop + leaky{at}", Time(() => unfused
                ? Ops.LeakyRelu(Ops.Slice(Ops.Slice(Col2Im(f, wUp, b), 2, 0, 2 * s), 3, 0, 2 * s), 0.2f)
                : Ops.ConvTranspose2dLeakyRelu(f, wUp, b, 2, crop, 0.2f))));
            var f2 = R(1, width, 2 * s, 2 * s);
            rows.Add(($"residual conv w->1{at} x2", Time(() => Ops.Conv2d(f2, wRes, b1, 1, 1))));
            var image = R(1, 1, s, s);
            rows.Add(($"image upconv 1->1 k4 s2{at}", Time(() => unfused ? Col2Im(image, wImg, null, 1) : Ops.ConvTranspose2d(image, wImg, null, 2, 1))));
            var a = R(1, 1, 2 * s, 2 * s);
            rows.Add(($"add image + residual{at} x2", Time(() => Ops.Add(a, a))));
        }
        double total = rows.Sum(r => r.Seconds);
        var torch = args.Contains("--no-torch") ? null : LayerPeers.Torch(size, width, depth, threads, batch, patch);
        Console.WriteLine($"LapSRN x4 layers, {size}x{size} input, width {width}, depth {depth}, {(unfused ? "unfused" : "fused")}");
        Console.WriteLine(MachineInfo.Current().Describe(threads) + (torch is { } v ? $"; PyTorch {v.Version}" : ""));
        Console.WriteLine($"  {"layer",-46} {"ours ms",9} {"share",6} {"PyTorch ms",11} {"ours/PyTorch",12}");
        foreach (var (name, seconds) in rows)
        {
            double? peer = torch is { } t && t.Infer.TryGetValue(name, out var ms) ? ms : null;
            Console.WriteLine($"  {name,-46} {seconds * 1e3,9:F1} {100 * seconds / total,5:F1}% {Cell(peer),11} {(peer is { } p ? $"{seconds * 1e3 / p:F2}x" : "-"),12}");
        }
        double? torchSum = torch?.Infer.Values.Sum();
        Console.WriteLine($"  {"sum",-46} {total * 1e3,9:F1} {"",6} {Cell(torchSum),11} {(torchSum is { } s2 ? $"{total * 1e3 / s2:F2}x" : "-"),12}");
        if (!args.Contains("--no-onnxruntime"))
        {
            var nodes = LayerPeers.OnnxRuntime(size, width, depth, threads);
            double ortTotal = nodes.Sum(n => n.Milliseconds);
            Console.WriteLine($"ONNX Runtime {SuperRes.OnnxRuntime.OnnxRuntimeNetwork.Version}, the same network exported to ONNX, per node (mean of 3 profiled runs after 2 warm-ups):");
            foreach (var n in nodes)
                Console.WriteLine($"  {n.Node + " (" + n.OpType + ")",-60} {n.Milliseconds,9:F1} ms {100 * n.Milliseconds / ortTotal,5:F1}%");
            Console.WriteLine($"  {"sum",-60} {ortTotal,9:F1} ms");
            foreach (var g in nodes.GroupBy(n => n.OpType).OrderByDescending(g => g.Sum(n => n.Milliseconds)))
                Console.WriteLine($"  by operator: {g.Key,-20} {g.Count(),3} nodes {g.Sum(n => n.Milliseconds),9:F1} ms");
        }
        if (torch is { } tr)
        {
            Console.WriteLine($"PyTorch training step (batch {batch}, {patch}x{patch} LR patches, Adam), {tr.TrainMs:F1} ms under torch.profiler; self CPU time by operator:");
            foreach (var (op, ms, calls) in tr.TrainOps.Take(16))
                Console.WriteLine($"  {op,-64} {ms,9:F1} ms {100 * ms / tr.TrainMs,5:F1}% {calls,5} calls");
        }
        return 0;
    }

    private static string Cell(double? ms) => ms is { } v ? v.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) : "-";

    private static Tensor ConvLeaky(Tensor x, Tensor w, Tensor b, bool unfused) =>
        unfused ? Ops.LeakyRelu(Ops.Conv2d(x, w, b, 1, 1), 0.2f) : Ops.Conv2dLeakyRelu(x, w, b, 1, 0.2f);

    /// <summary>The stride-2 transposed conv by the kernel's col2im BackwardInput, the route the engine took before sub-pixel convs.</summary>
    private static unsafe Tensor Col2Im(Tensor x, Tensor w, Tensor? b, int padding = 0)
    {
        int h = x.Size(2), wd = x.Size(3), k = w.Size(2), co = w.Size(1);
        int oh = (h - 1) * 2 - 2 * padding + k, ow = (wd - 1) * 2 - 2 * padding + k;
        var g = new Conv2dGeometry(1, co, oh, ow, w.Size(0), k, k, 2, 2, padding, padding, padding, padding);
        var y = Tensor.Empty(1, co, oh, ow);
        Conv2dKernels.Best.BackwardInput(g, x.DataPointer, w.DataPointer, y.DataPointer);
        if (b != null)
            for (int c = 0; c < co; c++)
                System.Numerics.Tensors.TensorPrimitives.Add(y.AsSpan().Slice(c * oh * ow, oh * ow), b.AsSpan()[c], y.AsSpan().Slice(c * oh * ow, oh * ow));
        return y;
    }

    private static double Time(Func<Tensor> op)
    {
        double best = double.MaxValue;
        for (int r = 0; r < 3; r++)
        {
            using var tape = new Tape();
            long start = Stopwatch.GetTimestamp();
            op();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        return best;
    }
}
