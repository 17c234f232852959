namespace SuperRes.Tensors.Cpu;

/// <summary>
/// Splits big loops across the cores (the machine has 2) and runs small ones inline, so that
/// tiny tensors pay no scheduling cost.
/// </summary>
internal static class Parallel2
{
    /// <summary>Work (roughly, element operations) below which a loop runs on the calling thread.</summary>
    public const long Threshold = 1 << 16;

    public static int Workers { get; set; } = Math.Min(Environment.ProcessorCount, 2);

    /// <summary>Runs body(start, end) over [0, count) in at most <see cref="Workers"/> contiguous chunks.</summary>
    public static void For(int count, long totalWork, Action<int, int> body)
    {
        int workers = totalWork < Threshold || count < 2 ? 1 : Math.Min(Workers, count);
        if (workers <= 1)
        {
            body(0, count);
            return;
        }
        Parallel.For(0, workers, w => body((int)((long)count * w / workers), (int)((long)count * (w + 1) / workers)));
    }
}
