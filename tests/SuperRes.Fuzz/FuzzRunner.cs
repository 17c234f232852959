using System.Diagnostics;

namespace SuperRes.Fuzz;

/// <summary>
/// Checks one input against the properties of docs/HARDENING.md: only the format's documented
/// exception escapes; allocation stays within the default budget (ImageReadOptions.MaxBytes, 1 GiB);
/// time stays within <see cref="FixedSeconds"/> plus <see cref="SecondsPerUnit"/> per unit of work,
/// a unit being a byte of input or a value of output.
/// </summary>
public sealed class FuzzRunner
{
    public const long MemoryBudget = 1L << 30;
    public const double FixedSeconds = 0.5;
    public const double SecondsPerUnit = 2e-6;

    public int Inputs { get; private set; }
    public int Decoded { get; private set; }
    public double SlowestSeconds { get; private set; }
    public long LargestAllocation { get; private set; }
    public List<FuzzFinding> Findings { get; } = [];

    /// <summary>Decodes <paramref name="input"/> and records any property it breaks; returns false if it broke one.</summary>
    public bool Check(FuzzFormat format, byte[] input)
    {
        Inputs++;
        long before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        long output = 0;
        string? escaped = null;
        try
        {
            output = FuzzTarget.Decode(format, input);
            Decoded++;
        }
        catch (Exception e) when (FuzzTarget.IsContractException(format, e))
        {
            if (e.Message.Contains('\n')) escaped = $"message of more than one line: {e.Message}";
        }
        catch (Exception e)
        {
            escaped = $"{e.GetType().Name}: {e.Message} at {e.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}";
        }
        double seconds = clock.Elapsed.TotalSeconds;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        LargestAllocation = Math.Max(LargestAllocation, allocated);
        int findingsBefore = Findings.Count;
        if (escaped is not null) Findings.Add(new(format, "exception", escaped, input));
        if (allocated > MemoryBudget + input.Length) Findings.Add(new(format, "memory", $"{allocated} bytes allocated", input));
        double limit = FixedSeconds + SecondsPerUnit * (input.Length + output);
        // A slow input is timed twice more and judged by its fastest run, so a busy machine is not a finding.
        for (int retry = 0; retry < 2 && seconds > limit; retry++) seconds = Math.Min(seconds, Time(format, input));
        SlowestSeconds = Math.Max(SlowestSeconds, seconds);
        if (seconds > limit) Findings.Add(new(format, "time", $"{seconds:0.000} s, limit {limit:0.000} s for {input.Length} bytes in, {output} out", input));
        return Findings.Count == findingsBefore;
    }

    private static double Time(FuzzFormat format, byte[] input)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            FuzzTarget.Decode(format, input);
        }
        catch (Exception)
        {
        }
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Mutates the format's seeds for <paramref name="iterations"/> inputs or until <paramref name="deadline"/>.</summary>
    public void Run(FuzzFormat format, int seed, int iterations, DateTime deadline, Action<string>? progress = null)
    {
        var seeds = Seeds.For(format);
        var random = new Random(seed);
        var corpus = new List<byte[]>(seeds);
        for (int i = 0; i < iterations && DateTime.UtcNow < deadline; i++)
        {
            byte[] parent = corpus[random.Next(corpus.Count)];
            byte[] input = Mutator.Mutate(format, parent, random);
            int decodedBefore = Decoded;
            Check(format, input);
            // Keep some decodable mutants as parents, so edits stack up (bounded corpus).
            if (Decoded > decodedBefore && input.Length < 256 * 1024 && corpus.Count < 512 && random.Next(4) == 0) corpus.Add(input);
            if (progress is not null && i % 2000 == 1999) progress($"{format}: {i + 1} inputs, {Decoded} decoded, {Findings.Count} findings");
        }
    }
}
