using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using SuperRes.Inference;
using SuperRes.Models;
using SuperRes.Onnx;
using SuperRes.OnnxRuntime;
using SuperRes.Processing;
using SuperRes.Tensors;
using Proto = global::Onnx;

/// <summary>
/// `--onnx-peer save WIDTH DEPTH FILE.safetensors`: writes the LapSRN x4 that `superres bench lapsrn`
/// times (seed 2, as OurBench.LapSrnOf) as a model file, for other exporters (bench/torch/export_lapsrn_onnx.py).
///
/// `--onnx-peer session BLOCKS[,BLOCKS...] [LEVELS]`: seconds ONNX Runtime takes to create a session
/// for our RRDBNet x4 export with that many blocks, at each optimization level (disable,basic,extended,all).
///
/// `--onnx-peer export MODEL.safetensors OUT.onnx`: our export of a model file (as `superres export` writes it).
///
/// `--onnx-peer time HxW FILE.onnx... [--threads N] [--repeats R] [--optimized DIR [--nodes]] [--profile]`: runs every file
/// through ONNX Runtime as `superres bench` runs its peer (OnnxRuntimeNetwork: same session options,
/// N threads; one tile through the Upscaler; 2 warm-up runs, best of R), the files interleaved
/// round by round so load drifts hit them alike; prints each file's graph (node counts by op) and,
/// against the first file, the max abs difference of every output on one random input. With
/// --optimized, also writes ONNX Runtime's optimized graph of each file to DIR and counts its nodes (--nodes: lists them in order). --profile: ONNX Runtime's per-node times, summed by op.
/// </summary>
internal static class OnnxExportPeer
{
    private const int WarmUps = 2;

    public static int Run(string[] args)
    {
        var rest = args.SkipWhile(a => a != "--onnx-peer").Skip(1).ToArray();
        if (rest.Length >= 4 && rest[0] == "save") return Save(int.Parse(rest[1]), int.Parse(rest[2]), rest[3]);
        if (rest.Length >= 3 && rest[0] == "export") return Export(rest[1], rest[2]);
        if (rest.Length >= 3 && rest[0] == "time") return Time(rest[1..]);
        if (rest.Length >= 2 && rest[0] == "session") return SessionSeconds(rest[1].Split(',').Select(int.Parse).ToArray(), rest.Length > 2 ? rest[2] : "disable,basic,extended,all");
        Console.Error.WriteLine("usage: --onnx-peer save WIDTH DEPTH FILE.safetensors | --onnx-peer session BLOCKS[,...] [LEVELS] | --onnx-peer export MODEL.safetensors OUT.onnx | --onnx-peer time HxW FILE.onnx... [--threads N] [--repeats R] [--optimized DIR]");
        return 2;
    }

    private static int Save(int width, int depth, string path)
    {
        using var model = new LapSrn(new LapSrnOptions { Scale = 4, Width = width, Depth = depth }, new Rng(2));
        ModelFile.Save(path, model);
        Console.WriteLine($"{path}: LapSRN x4 width {width} depth {depth}, seed 2");
        return 0;
    }

    /// <summary>ONNX Runtime's session creation for our RRDBNet export (x4, 64 features) at each block count and optimization level.</summary>
    private static int SessionSeconds(int[] blockCounts, string levels)
    {
        var byName = new Dictionary<string, GraphOptimizationLevel>
        {
            ["disable"] = GraphOptimizationLevel.ORT_DISABLE_ALL, ["basic"] = GraphOptimizationLevel.ORT_ENABLE_BASIC,
            ["extended"] = GraphOptimizationLevel.ORT_ENABLE_EXTENDED, ["all"] = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        foreach (int blocks in blockCounts)
        {
            using var model = new RrdbNet(new RrdbNetOptions { Scale = 4, Blocks = blocks }, new Rng(4));
            long t0 = Stopwatch.GetTimestamp();
            var bytes = OnnxExporter.Export(model);
            double export = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            t0 = Stopwatch.GetTimestamp();
            OnnxModelInfo.Parse(bytes, "rrdbnet");
            double parse = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            t0 = Stopwatch.GetTimestamp();
            using (var network = OnnxRuntimeNetwork.FromModel(model, "rrdbnet", 2))
            {
                double load = Stopwatch.GetElapsedTime(t0).TotalSeconds;
                var runs = new List<double>();
                for (int r = 0; r < 3; r++)
                {
                    t0 = Stopwatch.GetTimestamp();
                    network.Run(new float[3 * 64 * 64], 64, 64, 4);
                    runs.Add(Stopwatch.GetElapsedTime(t0).TotalSeconds);
                }
                var upscaler = new Upscaler(network, 4, new UpscalerOptions { TileSize = 64, Overlap = 0 });
                var planes = Enumerable.Range(0, 3).Select(_ => new Plane(64, 64)).ToArray();
                t0 = Stopwatch.GetTimestamp();
                upscaler.UpscalePlanes(planes);
                double first = Stopwatch.GetElapsedTime(t0).TotalSeconds;
                t0 = Stopwatch.GetTimestamp();
                upscaler.UpscalePlanes(planes);
                double second = Stopwatch.GetElapsedTime(t0).TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Upscaler, one 64x64 tile: first call {first:F2} s, second {second:F2} s"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"RRDBNet x4, {blocks} blocks: export {export:F2} s, SuperRes's ONNX reading (OnnxModelInfo) {parse:F2} s, OnnxRuntimeNetwork.FromModel (export, reading, session, probe) {load:F2} s, runs on 3x64x64: {string.Join(", ", runs.Select(x => x.ToString("F2", CultureInfo.InvariantCulture)))} s"));
            }
            foreach (var level in levels.Split(','))
            {
                using var options = new SessionOptions { IntraOpNumThreads = 2, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL, GraphOptimizationLevel = byName[level] };
                long start = Stopwatch.GetTimestamp();
                using var session = new InferenceSession(bytes, options);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RRDBNet x4, {blocks} blocks, {bytes.Length / 1048576.0:F1} MiB, optimization {level}: session created in {Stopwatch.GetElapsedTime(start).TotalSeconds:F2} s"));
            }
        }
        return 0;
    }

    /// <summary>Our export, as `superres export` and the in-memory export of `superres bench` write it.</summary>
    private static int Export(string source, string target)
    {
        using var model = ModelFile.Load(source);
        OnnxExporter.Save(model, target, Path.GetFileName(source));
        Console.WriteLine($"{target}: our export of {source}");
        return 0;
    }

    private static int Time(string[] args)
    {
        string? Option(string name) => Array.IndexOf(args, name) is int i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int threads = int.Parse(Option("--threads") ?? "2"), repeats = int.Parse(Option("--repeats") ?? "3");
        var optimized = Option("--optimized");
        var size = args[0].Split('x');
        int height = int.Parse(size[0]), width = int.Parse(size[1]);
        var files = args.Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();

        foreach (var file in files)
        {
            Console.WriteLine($"{file}: {Summary(Proto.ModelProto.Parser.ParseFrom(File.ReadAllBytes(file)))}");
            if (optimized is null) continue;
            var target = Path.Combine(optimized, Path.GetFileNameWithoutExtension(file) + ".ort-optimized.onnx");
            long start = Stopwatch.GetTimestamp();
            WriteOptimized(file, target, threads);
            var optimizedModel = Proto.ModelProto.Parser.ParseFrom(File.ReadAllBytes(target));
            Console.WriteLine($"  ONNX Runtime's optimized graph ({Stopwatch.GetElapsedTime(start).TotalSeconds:F2} s to create the session): {Summary(optimizedModel)}");
            if (args.Contains("--nodes")) Console.WriteLine("    " + string.Join(" ", optimizedModel.Graph.Node.Select(Describe)));
        }

        if (args.Contains("--profile"))
            foreach (var file in files)
            {
                var x = new float[height * width];
                for (int i = 0; i < x.Length; i++) x[i] = (i % 251) / 250f;
                var nodes = OnnxRuntimeProfile.Measure(File.ReadAllBytes(file), x, [1, 1, height, width], threads);
                var byOp = nodes.GroupBy(n => n.OpType).Select(g => (Op: g.Key, Ms: g.Sum(n => n.Milliseconds))).OrderByDescending(o => o.Ms);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {file}, ms per run by op (profiled, {nodes.Sum(n => n.Milliseconds):F0} ms in all): {string.Join(", ", byOp.Select(o => $"{o.Op} {o.Ms:F1}"))}"));
            }

        var networks = files.Select(f => OnnxRuntimeNetwork.Load(f, threads)).ToArray();
        try
        {
            Compare(files, networks, height, width);
            var plane = new Plane(width, height);
            var random = new Random(3);
            for (int i = 0; i < plane.Data.Length; i++) plane.Data[i] = (float)(255 * random.NextDouble());
            var upscalers = networks.Select(n => new Upscaler(n, 4, new UpscalerOptions { TileSize = Math.Max(width, height), Overlap = 0 })).ToArray();
            for (int w = 0; w < WarmUps; w++)
                foreach (var u in upscalers) u.UpscalePlanes([plane]);
            var best = new double[files.Length];
            Array.Fill(best, double.MaxValue);
            for (int r = 0; r < repeats; r++)
                for (int f = 0; f < files.Length; f++)
                {
                    long start = Stopwatch.GetTimestamp();
                    upscalers[f].UpscalePlanes([plane]);
                    best[f] = Math.Min(best[f], Stopwatch.GetElapsedTime(start).TotalSeconds);
                }
            Console.WriteLine($"ONNX Runtime {OnnxRuntimeNetwork.Version}, {threads} threads, 1x1x{height}x{width}, x4, {WarmUps} warm-up runs, best of {repeats}:");
            for (int f = 0; f < files.Length; f++)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {files[f]}: {best[f]:F3} s ({best[f] / best[0]:F2}x the first)"));
        }
        finally
        {
            foreach (var n in networks) n.Dispose();
        }
        return 0;
    }

    /// <summary>Every file's x2 and x4 outputs on one random [0, 1] input against the first file's.</summary>
    private static void Compare(string[] files, OnnxRuntimeNetwork[] networks, int height, int width)
    {
        var random = new Random(7);
        var x = new float[height * width];
        for (int i = 0; i < x.Length; i++) x[i] = (float)random.NextDouble();
        foreach (int scale in networks[0].Scales)
        {
            var reference = networks[0].Run(x, height, width, scale);
            for (int f = 1; f < files.Length; f++)
            {
                var y = networks[f].Run(x, height, width, scale);
                double max = 0;
                for (int i = 0; i < y.Length; i++) max = Math.Max(max, Math.Abs(y[i] - reference[i]));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  x{scale} output, {files[f]} against {files[0]}: max abs difference {max:E2} ({y.Length} values)"));
            }
        }
    }

    /// <summary>Writes the graph ONNX Runtime runs after its optimizations, with the peer's session options.</summary>
    private static void WriteOptimized(string file, string target, int threads)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            OptimizedModelFilePath = target,
        };
        using var session = new InferenceSession(file, options);
    }

    /// <summary>The op and its non-tensor attributes (activation, pads, ...), compact.</summary>
    private static string Describe(Proto.NodeProto node)
    {
        var attributes = node.Attribute.Where(a => a.Name is "activation" or "pads" or "kernel_shape" or "strides" or "starts" or "ends")
            .Select(a => a.Name + "=" + (a.Ints.Count > 0 ? string.Join(",", a.Ints) : a.S.Length > 0 ? a.S.ToStringUtf8() : a.I.ToString(CultureInfo.InvariantCulture)));
        var text = string.Join(";", attributes);
        return node.OpType + (text.Length > 0 ? "[" + text + "]" : "");
    }

    /// <summary>Opset, node count by op (domain-qualified outside the default domain), initializers.</summary>
    private static string Summary(Proto.ModelProto model)
    {
        var g = model.Graph;
        var ops = g.Node.GroupBy(n => string.IsNullOrEmpty(n.Domain) ? n.OpType : $"{n.Domain}.{n.OpType}")
            .Select(o => $"{o.Key} {o.Count()}");
        var opsets = string.Join(",", model.OpsetImport.Select(o => $"{(o.Domain == "" ? "ai.onnx" : o.Domain)}:{o.Version}"));
        return $"opset {opsets}; {g.Node.Count} nodes ({string.Join(", ", ops)}); {g.Initializer.Count} initializers; outputs {string.Join(", ", g.Output.Select(o => o.Name))}";
    }
}
