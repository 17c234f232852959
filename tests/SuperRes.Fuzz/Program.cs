using System.Security.Cryptography;
using SuperRes.Fuzz;

// superres fuzz driver (docs/HARDENING.md).
//   fuzz [--format png|jpeg|bmp|pnm|safetensors|mat|all] [--seconds N] [--seed S] [--out DIR]
//   check FILE...            decode each file (format from its extension), one line each
//   hostile                  decode every generated hostile file, one line each
//   worst [SIZE]             time the worst-case progressive JPEG (SIZE x SIZE, as many full-frame scans as the decoder allows)
// Exit code: 0 when every property held, 1 when a finding was made (written under --out).
return args.FirstOrDefault() switch
{
    "fuzz" => Fuzz(args[1..]),
    "check" => Check(args[1..]),
    "hostile" => Hostile(),
    "worst" => Worst(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 8000),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: SuperRes.Fuzz fuzz [--format F|all] [--seconds N] [--seed S] [--out DIR] | check FILE... | hostile");
    return 2;
}

static int Fuzz(string[] args)
{
    string format = "all", outDir = "fuzz-findings";
    double seconds = 60;
    int seed = 1;
    for (int i = 0; i + 1 < args.Length; i += 2)
    {
        switch (args[i])
        {
            case "--format": format = args[i + 1]; break;
            case "--seconds": seconds = double.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
            case "--seed": seed = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
            case "--out": outDir = args[i + 1]; break;
            default: return Usage();
        }
    }
    var formats = format == "all" ? Enum.GetValues<FuzzFormat>() : [Enum.Parse<FuzzFormat>(format, ignoreCase: true)];
    int findings = 0;
    foreach (var f in formats)
    {
        var runner = new FuzzRunner();
        var deadline = DateTime.UtcNow.AddSeconds(seconds / formats.Length);
        runner.Run(f, seed, int.MaxValue, deadline, Console.WriteLine);
        Console.WriteLine($"{f}: {runner.Inputs} inputs, {runner.Decoded} decoded, {runner.Findings.Count} findings, "
            + $"slowest {runner.SlowestSeconds * 1000:0} ms, largest allocation {runner.LargestAllocation / 1e6:0.0} MB");
        foreach (var finding in runner.Findings.DistinctBy(x => x.Property + x.Detail.Split(" at ")[0]).Take(20))
        {
            Directory.CreateDirectory(outDir);
            string name = $"{f.ToString().ToLowerInvariant()}-{finding.Property}-{Convert.ToHexStringLower(SHA256.HashData(finding.Input))[..12]}{FuzzTarget.Extension(f)}";
            File.WriteAllBytes(Path.Combine(outDir, name), finding.Input);
            Console.WriteLine($"  finding {name}: {finding.Detail}");
        }
        findings += runner.Findings.Count;
    }
    return findings == 0 ? 0 : 1;
}

static int Check(string[] files)
{
    int failures = 0;
    foreach (string file in files)
    {
        var format = FuzzTarget.FromExtension(file);
        if (format is null)
        {
            Console.WriteLine($"{file}: skipped (unknown extension)");
            continue;
        }
        failures += Report(Path.GetFileName(file), format.Value, File.ReadAllBytes(file)) ? 0 : 1;
    }
    return failures == 0 ? 0 : 1;
}

static int Hostile()
{
    int failures = 0;
    foreach (var h in HostileFiles.All) failures += Report(h.Name, h.Format, h.Bytes) ? 0 : 1;
    return failures == 0 ? 0 : 1;
}

static int Worst(int size)
{
    byte[] file = WorstCases.ProgressiveEobRuns(size, WorstCases.MostScans);
    FuzzTarget.Decode(FuzzFormat.Jpeg, WorstCases.ProgressiveEobRuns(64, WorstCases.MostScans)); // warm up
    var clock = System.Diagnostics.Stopwatch.StartNew();
    long pixels = FuzzTarget.Decode(FuzzFormat.Jpeg, file);
    double seconds = clock.Elapsed.TotalSeconds;
    double bound = FuzzRunner.FixedSeconds + FuzzRunner.SecondsPerUnit * (file.Length + pixels);
    Console.WriteLine($"{size}x{size} progressive JPEG, {file.Length} bytes, {pixels} pixels: {seconds:0.00} s (bound {bound:0.0} s)");
    return seconds <= bound ? 0 : 1;
}

// One line per file: "ok WxH", "refused: <message>", or "ESCAPED ..." when the contract broke.
static bool Report(string name, FuzzFormat format, byte[] bytes)
{
    var clock = System.Diagnostics.Stopwatch.StartNew();
    try
    {
        long output = FuzzTarget.Decode(format, bytes, name);
        Console.WriteLine($"{name}: ok ({output} out, {clock.ElapsedMilliseconds} ms)");
        return true;
    }
    catch (Exception e) when (FuzzTarget.IsContractException(format, e))
    {
        Console.WriteLine($"{name}: refused in {clock.ElapsedMilliseconds} ms: {e.Message}");
        return true;
    }
    catch (Exception e)
    {
        Console.WriteLine($"{name}: ESCAPED {e.GetType().Name} in {clock.ElapsedMilliseconds} ms: {e.Message.ReplaceLineEndings(" ")}");
        return false;
    }
}
